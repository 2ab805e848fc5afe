package io.classroom.tracking.rest;

import io.classroom.tracking.PersonalReport;
import io.classroom.tracking.PersonalSession;
import io.classroom.tracking.error.Problems;
import io.classroom.tracking.security.CurrentCaller;
import io.classroom.tracking.security.Roles;
import io.classroom.tracking.service.PersonalSessionService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Personal focus-tracking sessions of the caller; someone else's session is not found. */
@Path("/api/tracking/personal-sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Personal sessions", description = "Start, pause, resume and end focus-tracking sessions")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
public class PersonalSessionResource {

    private final PersonalSessionService service;
    private final CurrentCaller currentCaller;

    public PersonalSessionResource(PersonalSessionService service, CurrentCaller currentCaller) {
        this.service = service;
        this.currentCaller = currentCaller;
    }

    @POST
    @WithSession
    @Operation(summary = "Start a personal session (optional client startedAt)")
    @APIResponse(
            responseCode = "201",
            description = "Started",
            content = @Content(schema = @Schema(implementation = PersonalSessionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid startedAt, title or app")
    @APIResponse(responseCode = "401", description = "No or invalid token, or a deleted account")
    public Uni<Response> start(@Valid PersonalSessionRequests.Start request) {
        var body = request == null ? new PersonalSessionRequests.Start(null, null, null) : request;
        Instant startedAt = ClientTime.parse(body.startedAt(), "startedAt", Instant.now());
        String app = body.app() == null ? PersonalSession.DEFAULT_APP : body.app();
        return service.start(currentCaller.get(), app, body.title(), startedAt)
                .map(session -> Response.created(URI.create("/api/tracking/personal-sessions/" + session.id))
                        .entity(view(session))
                        .build());
    }

    @POST
    @Path("/{id}/pause")
    @WithSession
    @Operation(summary = "Pause a running session")
    @APIResponse(responseCode = "200", description = "Paused")
    @APIResponse(responseCode = "400", description = "Invalid time, or before the last change")
    @APIResponse(responseCode = "401", description = "No or invalid token")
    @APIResponse(responseCode = "403", description = "An admin's view of someone else's session: read-only")
    @APIResponse(responseCode = "404", description = "Unknown session or someone else's")
    @APIResponse(responseCode = "409", description = "Not running")
    public Uni<PersonalSessionView> pause(
            @Parameter(description = "the personal session", example = "6a1d3e5f-7b9c-4d2e-8f0a-1b3c5d7e9f20")
                    @PathParam("id")
                    UUID id,
            PersonalSessionRequests.Transition request) {
        Instant at = ClientTime.parse(request == null ? null : request.at(), "at", Instant.now());
        return service.pause(currentCaller.get(), id, at).map(this::view);
    }

    @POST
    @Path("/{id}/resume")
    @WithSession
    @Operation(summary = "Resume a paused session")
    @APIResponse(responseCode = "200", description = "Running again")
    @APIResponse(responseCode = "400", description = "Invalid time, or before the last change")
    @APIResponse(responseCode = "401", description = "No or invalid token")
    @APIResponse(responseCode = "403", description = "An admin's view of someone else's session: read-only")
    @APIResponse(responseCode = "404", description = "Unknown session or someone else's")
    @APIResponse(responseCode = "409", description = "Not paused")
    public Uni<PersonalSessionView> resume(
            @Parameter(description = "the personal session", example = "6a1d3e5f-7b9c-4d2e-8f0a-1b3c5d7e9f20")
                    @PathParam("id")
                    UUID id,
            PersonalSessionRequests.Transition request) {
        Instant at = ClientTime.parse(request == null ? null : request.at(), "at", Instant.now());
        return service.resume(currentCaller.get(), id, at).map(this::view);
    }

    @POST
    @Path("/{id}/end")
    @WithSession
    @Operation(summary = "End a session and compute its report (active, focus, distraction, activities)")
    @APIResponse(responseCode = "200", description = "The final report")
    @APIResponse(responseCode = "400", description = "Invalid time, or before the last change")
    @APIResponse(responseCode = "401", description = "No or invalid token")
    @APIResponse(responseCode = "403", description = "An admin's view of someone else's session: read-only")
    @APIResponse(responseCode = "404", description = "Unknown session or someone else's")
    @APIResponse(responseCode = "409", description = "Already ended")
    public Uni<PersonalSessionView> end(
            @Parameter(description = "the personal session", example = "6a1d3e5f-7b9c-4d2e-8f0a-1b3c5d7e9f20")
                    @PathParam("id")
                    UUID id,
            PersonalSessionRequests.Transition request) {
        Instant at = ClientTime.parse(request == null ? null : request.at(), "at", Instant.now());
        return service.end(currentCaller.get(), id, at).map(this::view);
    }

    @POST
    @Path("/{id}/activities")
    @WithSession
    @Operation(summary = "Report activity changes (READING, WATCHING, BROWSING, WRITING, ...) with their times")
    @APIResponse(responseCode = "200", description = "Recorded")
    @APIResponse(responseCode = "400", description = "Invalid activity or time (the detail names the field)")
    @APIResponse(responseCode = "401", description = "No or invalid token")
    @APIResponse(responseCode = "403", description = "An admin's view of someone else's session: read-only")
    @APIResponse(responseCode = "404", description = "Unknown session or someone else's")
    @APIResponse(responseCode = "409", description = "Already ended")
    public Uni<PersonalSessionView> activities(
            @Parameter(description = "the personal session", example = "6a1d3e5f-7b9c-4d2e-8f0a-1b3c5d7e9f20")
                    @PathParam("id")
                    UUID id,
            @Valid @NotNull PersonalSessionRequests.Activities request) {
        List<PersonalReport.Reported> changes = new ArrayList<>();
        for (int i = 0; i < request.activities().size(); i++) {
            var item = request.activities().get(i);
            Instant at = ClientTime.parse(item.at(), "activities[" + i + "].at", null);
            changes.add(new PersonalReport.Reported(item.activity().toUpperCase(Locale.ROOT), at.toEpochMilli()));
        }
        return service.reportActivities(currentCaller.get(), id, changes).map(this::view);
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "One of the caller's sessions (admins: any of the tenant's)")
    @APIResponse(responseCode = "200", description = "The session")
    @APIResponse(responseCode = "401", description = "No or invalid token")
    @APIResponse(responseCode = "404", description = "Unknown session or someone else's")
    public Uni<PersonalSessionView> get(
            @Parameter(description = "the personal session", example = "6a1d3e5f-7b9c-4d2e-8f0a-1b3c5d7e9f20")
                    @PathParam("id")
                    UUID id) {
        return service.visible(currentCaller.get(), id).map(this::view);
    }

    @GET
    @WithSession
    @Operation(
            summary = "A user's sessions of one application, newest first: the caller's own by default; staff may ask"
                    + " for a user (admins: any of the school; teachers: a student on a roster of a class session they"
                    + " taught)")
    @APIResponse(responseCode = "200", description = "The sessions (another school's user: none)")
    @APIResponse(responseCode = "400", description = "userId is not a user id, or app is not an application id")
    @APIResponse(responseCode = "401", description = "No or invalid token")
    @APIResponse(responseCode = "403", description = "A student asking for someone else's")
    @APIResponse(responseCode = "404", description = "A teacher asking for a student not on a roster of theirs")
    public Uni<List<PersonalSessionView>> list(
            @QueryParam("userId")
                    @Parameter(
                            description = "whose sessions; default the caller",
                            example = "3f2b8c1e-6d4a-4e9b-a7c5-1b2d3e4f5a6b")
                    String userId,
            @QueryParam("app")
                    @DefaultValue(PersonalSession.DEFAULT_APP)
                    @Pattern(
                            regexp = PersonalSession.APP_PATTERN,
                            message = "must match " + PersonalSession.APP_PATTERN)
                    @Parameter(description = "the application; default classroom-web", example = "focus-timer")
                    String app) {
        return service.ofUser(currentCaller.get(), userId(userId), app).map(this::views);
    }

    @GET
    @Path("/all")
    @WithSession
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "All personal sessions of one application of the caller's tenant (admins only)")
    @APIResponse(responseCode = "200", description = "The tenant's sessions, newest first")
    @APIResponse(responseCode = "400", description = "app is not an application id")
    @APIResponse(responseCode = "401", description = "No or invalid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Uni<List<PersonalSessionView>> all(
            @QueryParam("app")
                    @DefaultValue(PersonalSession.DEFAULT_APP)
                    @Pattern(
                            regexp = PersonalSession.APP_PATTERN,
                            message = "must match " + PersonalSession.APP_PATTERN)
                    @Parameter(description = "the application; default classroom-web", example = "focus-timer")
                    String app) {
        return service.tenant(currentCaller.get(), app).map(this::views);
    }

    /** A user id from the query (400, not the 404 of a failed parameter conversion, when it is not one). */
    private static UUID userId(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("userId must be a user id (a UUID)");
        }
    }

    private List<PersonalSessionView> views(List<PersonalSession> sessions) {
        return sessions.stream().map(this::view).toList();
    }

    private PersonalSessionView view(PersonalSession s) {
        return new PersonalSessionView(
                s.id,
                s.userId,
                s.app,
                s.title,
                s.status,
                s.startedAt,
                s.endedAt,
                service.activeSeconds(s, Instant.now()),
                s.focusSeconds,
                s.distractionSeconds,
                service.activities(s),
                s.activitySource,
                PersonalSessionView.pauses(service.pauses(s)),
                PersonalSessionView.reported(service.reported(s)));
    }
}
