package io.classroom.tracking.rest;

import io.classroom.tracking.security.CurrentCaller;
import io.classroom.tracking.security.Roles;
import io.classroom.tracking.service.ClassSessionQueries;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Attendance histories: a student's own, and a class's for its teachers. */
@Path("/api/tracking")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Attendance history", description = "Final attendance records over time")
@SecurityRequirement(name = "jwt")
public class AttendanceHistoryResource {

    private final ClassSessionQueries queries;
    private final CurrentCaller currentCaller;

    public AttendanceHistoryResource(ClassSessionQueries queries, CurrentCaller currentCaller) {
        this.queries = queries;
        this.currentCaller = currentCaller;
    }

    @GET
    @Path("/me/attendance")
    @WithSession
    @RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
    @Operation(summary = "The caller's own attendance history, newest first")
    @APIResponse(responseCode = "200", description = "Final records of the caller")
    @APIResponse(responseCode = "401", description = "No or invalid token")
    public Uni<List<AttendanceView>> mine() {
        return queries.myHistory(currentCaller.get()).map(AttendanceView::list);
    }

    @GET
    @Path("/classes/{classId}/attendance")
    @WithSession
    @RolesAllowed({Roles.TEACHER, Roles.ADMIN})
    @Operation(summary = "A class's attendance history (a teacher of the class or admin)")
    @APIResponse(responseCode = "200", description = "Final records of all sessions of the class, newest first")
    @APIResponse(responseCode = "401", description = "No or invalid token")
    @APIResponse(responseCode = "403", description = "Not a teacher or admin")
    @APIResponse(responseCode = "404", description = "Unknown class or not taught by the caller")
    public Uni<List<AttendanceView>> byClass(
            @Parameter(description = "the class", example = "5b7e2f90-1c3d-4e6a-8b9c-0d1e2f3a4b5c")
                    @PathParam("classId")
                    String classId) {
        return queries.classHistory(currentCaller.get(), classId).map(AttendanceView::list);
    }
}
