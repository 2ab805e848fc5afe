package io.classroom.classroom.rest;

import io.classroom.classroom.SessionState;
import io.classroom.classroom.error.Problems;
import io.classroom.classroom.security.CurrentCaller;
import io.classroom.classroom.security.Roles;
import io.classroom.classroom.service.ClassSessionService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.Arrays;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** End, get and listing of class sessions (teachers of the class and admins). */
@Path("/api/classroom")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Class sessions")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TEACHER, Roles.ADMIN})
@APIResponse(responseCode = "401", description = "No valid access token")
@APIResponse(responseCode = "403", description = "Not the class's teacher or an admin")
public class ClassSessionResource {

    private final ClassSessionService sessions;
    private final CurrentCaller caller;

    public ClassSessionResource(ClassSessionService sessions, CurrentCaller caller) {
        this.sessions = sessions;
        this.caller = caller;
    }

    @GET
    @Path("/sessions")
    @Operation(summary = "Sessions of the classes I teach (admins: of the tenant), newest first")
    @APIResponse(responseCode = "200", description = "One page of sessions")
    @APIResponse(responseCode = "400", description = "Invalid state or paging")
    public Uni<PageResponse<SessionResponse>> listMine(
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
        return sessions.listMine(caller.get(), parseState(state), page, size)
                .map(found -> PageResponse.of(found, SessionResponse::of));
    }

    @GET
    @Path("/sessions/{sessionId}")
    @Operation(summary = "Get a session")
    @APIResponse(responseCode = "200", description = "The session")
    @APIResponse(responseCode = "404", description = "Unknown session")
    public Uni<SessionResponse> get(
            @Parameter(description = "session id", example = "7c9e6679-7425-40de-944b-e07fc1f90ae7")
                    @PathParam("sessionId")
                    UUID sessionId) {
        return sessions.get(caller.get(), sessionId.toString()).map(SessionResponse::of);
    }

    @POST
    @Path("/sessions/{sessionId}/end")
    @Operation(
            summary = "Deactivate a session (idempotent)",
            description = "Publishes ClassSessionEnded with reason DEACTIVATED the first time.")
    @APIResponse(responseCode = "200", description = "The ended session")
    @APIResponse(responseCode = "404", description = "Unknown session")
    public Uni<SessionResponse> end(
            @Parameter(description = "session id", example = "7c9e6679-7425-40de-944b-e07fc1f90ae7")
                    @PathParam("sessionId")
                    UUID sessionId) {
        return sessions.end(caller.get(), sessionId.toString()).map(SessionResponse::of);
    }

    /** Parsed here rather than by JAX-RS, which would answer 404 to a bad query parameter. */
    static SessionState parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        return Arrays.stream(SessionState.values())
                .filter(s -> s.name().equals(state))
                .findFirst()
                .orElseThrow(() -> Problems.badRequest("invalid-state", "state must be ACTIVE or ENDED"));
    }
}
