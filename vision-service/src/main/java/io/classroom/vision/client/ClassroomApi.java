package io.classroom.vision.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * classroom-service's class listing ({@code quarkus.rest-client.classroom.url}), called only through
 * {@link ClassroomClient}, which bounds the wait and turns every failure into a refusal.
 */
@RegisterRestClient(configKey = "classroom")
@Path("/api/classroom/classes")
interface ClassroomApi {

    /** The caller's visible classes having {@code student} on their roster; only the total matters. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ClassPage> classesWithStudent(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("student") UUID student,
            @QueryParam("size") int size);
}
