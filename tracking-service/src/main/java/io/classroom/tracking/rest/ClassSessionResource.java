package io.classroom.tracking.rest;

import io.classroom.tracking.LiveSession;
import io.classroom.tracking.security.CurrentCaller;
import io.classroom.tracking.security.Roles;
import io.classroom.tracking.service.ClassSessionQueries;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Class sessions for their teacher (or an admin): live state, attendance report, overrides. */
@Path("/api/tracking/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Class sessions", description = "Live attendance and final reports of class sessions")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TEACHER, Roles.ADMIN})
public class ClassSessionResource {

    private final ClassSessionQueries queries;
    private final CurrentCaller currentCaller;

    public ClassSessionResource(ClassSessionQueries queries, CurrentCaller currentCaller) {
        this.queries = queries;
        this.currentCaller = currentCaller;
    }

    @GET
    @Path("/{sessionId}")
    @WithSession
    @Operation(summary = "Live state of a class session (teacher of the class or admin)")
    @APIResponse(responseCode = "200", description = "Per-student live state")
    @APIResponse(responseCode = "401", description = "No or invalid token")
    @APIResponse(responseCode = "403", description = "Not a teacher or admin")
    @APIResponse(responseCode = "404", description = "Unknown session, another tenant's, or not the caller's class")
    public Uni<LiveSession> live(
            @Parameter(description = "the class session", example = "8d1f6c2a-3b4e-4f5a-9c6d-7e8f9a0b1c2d")
                    @PathParam("sessionId")
                    UUID sessionId) {
        return queries.authorized(currentCaller.get(), sessionId).chain(queries::live);
    }

    @GET
    @Path("/{sessionId}/attendance")
    @WithSession
    @Operation(summary = "Attendance report of a class session: final records, or provisional ones while it runs")
    @APIResponse(responseCode = "200", description = "One entry per roster member")
    @APIResponse(responseCode = "401", description = "No or invalid token")
    @APIResponse(responseCode = "403", description = "Not a teacher or admin")
    @APIResponse(responseCode = "404", description = "Unknown session, another tenant's, or not the caller's class")
    public Uni<List<AttendanceView>> attendance(
            @Parameter(description = "the class session", example = "8d1f6c2a-3b4e-4f5a-9c6d-7e8f9a0b1c2d")
                    @PathParam("sessionId")
                    UUID sessionId) {
        return queries.authorized(currentCaller.get(), sessionId)
                .chain(queries::attendance)
                .map(AttendanceView::list);
    }

    @PUT
    @Path("/{sessionId}/attendance/{userId}")
    @WithSession
    @Operation(summary = "Override a student's final status with a reason (kept in the audit trail)")
    @APIResponse(responseCode = "200", description = "The corrected record; a corrected AttendanceFinalized is sent")
    @APIResponse(responseCode = "400", description = "Missing status or reason")
    @APIResponse(responseCode = "401", description = "No or invalid token")
    @APIResponse(responseCode = "403", description = "Not a teacher or admin")
    @APIResponse(responseCode = "404", description = "Unknown session or no final record for this student yet")
    public Uni<AttendanceView> override(
            @Parameter(description = "the class session", example = "8d1f6c2a-3b4e-4f5a-9c6d-7e8f9a0b1c2d")
                    @PathParam("sessionId")
                    UUID sessionId,
            @Parameter(description = "the student", example = "3f2b8c1e-6d4a-4e9b-a7c5-1b2d3e4f5a6b")
                    @PathParam("userId")
                    UUID userId,
            @Valid @NotNull OverrideRequest request) {
        var caller = currentCaller.get();
        return queries.authorized(caller, sessionId)
                .chain(session -> queries.override(caller, session, userId, request.status(), request.reason()))
                .map(AttendanceView::of);
    }

    @GET
    @Path("/{sessionId}/attendance/{userId}/overrides")
    @WithSession
    @Operation(summary = "Audit trail of the overrides of a student's status")
    @APIResponse(responseCode = "200", description = "Oldest first")
    @APIResponse(responseCode = "401", description = "No or invalid token")
    @APIResponse(responseCode = "403", description = "Not a teacher or admin")
    @APIResponse(responseCode = "404", description = "Unknown session or no final record for this student")
    public Uni<List<OverrideView>> overrides(
            @Parameter(description = "the class session", example = "8d1f6c2a-3b4e-4f5a-9c6d-7e8f9a0b1c2d")
                    @PathParam("sessionId")
                    UUID sessionId,
            @Parameter(description = "the student", example = "3f2b8c1e-6d4a-4e9b-a7c5-1b2d3e4f5a6b")
                    @PathParam("userId")
                    UUID userId) {
        return queries.authorized(currentCaller.get(), sessionId)
                .chain(session -> queries.overrides(session, userId))
                .map(overrides -> overrides.stream().map(OverrideView::of).toList());
    }
}
