package io.classroom.classroom.rest;

import io.classroom.classroom.security.CurrentCaller;
import io.classroom.classroom.security.Roles;
import io.classroom.classroom.service.ClassSessionService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Activation and session listing of one class. A root resource of its own: JAX-RS picks the root resource with
 * the longest matching path, so these paths cannot live in {@link ClassSessionResource}.
 */
@Path("/api/classroom/classes/{id}/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Class sessions", description = "Activate and deactivate classes; list sessions")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TEACHER, Roles.ADMIN})
@APIResponse(responseCode = "401", description = "No valid access token")
@APIResponse(responseCode = "403", description = "Not the class's teacher or an admin")
public class ClassActivationResource {

    private final ClassSessionService sessions;
    private final CurrentCaller caller;

    public ClassActivationResource(ClassSessionService sessions, CurrentCaller caller) {
        this.sessions = sessions;
        this.caller = caller;
    }

    @POST
    @Operation(
            summary = "Activate a class",
            description = "Snapshots the roster and the room's cameras, computes the planned end from the schedule's"
                    + " duration and publishes ClassSessionStarted (keyed by class id) once stored. A camera of the"
                    + " room held by another active session of the tenant refuses the activation (409"
                    + " urn:classroom:problem:camera-in-use naming the camera in `detail` and `cameraId`); nothing"
                    + " is stored then.")
    @APIResponse(responseCode = "201", description = "The started session")
    @APIResponse(responseCode = "404", description = "Unknown class")
    @APIResponse(
            responseCode = "409",
            description = "The class already has an active session, is archived, or a camera of the room is in use by"
                    + " another active session")
    @APIResponse(responseCode = "422", description = "The room does not exist")
    public Uni<Response> activate(
            @Parameter(description = "class id", example = "3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f") @PathParam("id")
                    UUID id,
            @Valid ActivateRequest request) {
        return sessions.activate(caller.get(), id.toString(), request == null ? null : request.roomId())
                .map(SessionResponse::of)
                .map(s -> Response.created(URI.create("/api/classroom/sessions/" + s.id()))
                        .entity(s)
                        .build());
    }

    @GET
    @Operation(summary = "Sessions of a class, newest first")
    @APIResponse(responseCode = "200", description = "One page of sessions")
    @APIResponse(responseCode = "400", description = "Invalid state or paging")
    @APIResponse(responseCode = "404", description = "Unknown class")
    public Uni<PageResponse<SessionResponse>> listForClass(
            @Parameter(description = "class id", example = "3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f") @PathParam("id")
                    UUID id,
            @Parameter(
                            description = "only sessions in this state",
                            example = "ACTIVE",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"ACTIVE", "ENDED"}))
                    @QueryParam("state")
                    String state,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return sessions.listForClass(caller.get(), id.toString(), ClassSessionResource.parseState(state), page, size)
                .map(found -> PageResponse.of(found, SessionResponse::of));
    }
}
