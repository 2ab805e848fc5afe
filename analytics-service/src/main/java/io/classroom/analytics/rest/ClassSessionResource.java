package io.classroom.analytics.rest;

import io.classroom.analytics.render.ChartRenderer;
import io.classroom.analytics.security.CurrentCaller;
import io.classroom.analytics.security.Roles;
import io.classroom.analytics.service.ClassroomAnalyticsService;
import io.classroom.analytics.service.ClassroomAnalyticsService.SessionAttendance;
import io.classroom.analytics.service.ClassroomAnalyticsService.Timeline;
import io.classroom.analytics.service.Reports;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Analytics of one class session: engagement timeline and attendance report. */
@Path("/api/analytics/class-sessions/{sessionId}")
@Tag(name = "Class sessions", description = "Engagement timeline and attendance of one class session")
public class ClassSessionResource {

    private final ClassroomAnalyticsService classroom;
    private final CurrentCaller caller;

    public ClassSessionResource(ClassroomAnalyticsService classroom, CurrentCaller caller) {
        this.classroom = classroom;
        this.caller = caller;
    }

    @GET
    @Path("/timeline")
    @Produces({"application/json", "image/png", "image/svg+xml"})
    @RolesAllowed({Roles.ADMIN, Roles.TEACHER})
    @Operation(
            summary = "Engagement timeline",
            description = "Per minute: faces detected, the attentive share and unknown faces. JSON, or a bar chart as"
                    + " PNG or SVG (?format= or Accept). Teachers see the sessions they teach.")
    @APIResponse(
            responseCode = "200",
            description = "The timeline",
            content = {
                @Content(mediaType = "application/json", schema = @Schema(implementation = Timeline.class)),
                @Content(mediaType = "image/png"),
                @Content(mediaType = "image/svg+xml")
            })
    @APIResponse(responseCode = "400", description = "Unknown format")
    @APIResponse(responseCode = "403", description = "Not a session the caller teaches")
    @APIResponse(responseCode = "404", description = "No such class session in the caller's tenant")
    public Uni<Response> timeline(
            @Parameter(description = "class session id", example = "7c9e6679-7425-40de-944b-e07fc1f90ae7")
                    @PathParam("sessionId")
                    String sessionId,
            @Parameter(description = "json, png or svg", example = "json") @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        Format chosen = Format.pick(format, headers, Format.JSON, Format.PNG, Format.SVG);
        return Rendering.respond(
                classroom.timeline(caller.get(), sessionId), chosen, "timeline-" + sessionId, view -> switch (chosen) {
                    case PNG -> ChartRenderer.png(Reports.timelineChart(view));
                    case SVG -> ChartRenderer.svg(Reports.timelineChart(view));
                    default -> view;
                });
    }

    @GET
    @Path("/attendance")
    @Produces({"application/json", "text/csv", "application/pdf"})
    @RolesAllowed({Roles.ADMIN, Roles.TEACHER, Roles.STUDENT})
    @Operation(
            summary = "Attendance report of a session",
            description = "The attendance table (final once tracking-service finalized it), counts, unknown faces and"
                    + " the engagement timeline. JSON, CSV (RFC 4180) or PDF (?format= or Accept). Students get their"
                    + " own row only.")
    @APIResponse(
            responseCode = "200",
            description = "The report",
            content = {
                @Content(mediaType = "application/json", schema = @Schema(implementation = SessionAttendance.class)),
                @Content(mediaType = "text/csv"),
                @Content(mediaType = "application/pdf")
            })
    @APIResponse(responseCode = "400", description = "Unknown format")
    @APIResponse(responseCode = "403", description = "Not a session the caller teaches or attends")
    @APIResponse(responseCode = "404", description = "No such class session in the caller's tenant")
    public Uni<Response> attendance(
            @Parameter(description = "class session id", example = "7c9e6679-7425-40de-944b-e07fc1f90ae7")
                    @PathParam("sessionId")
                    String sessionId,
            @Parameter(description = "json, csv or pdf", example = "json") @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        Format chosen = Format.pick(format, headers, Format.JSON, Format.CSV, Format.PDF);
        return Rendering.respond(
                classroom.sessionAttendance(caller.get(), sessionId),
                chosen,
                "attendance-" + sessionId,
                view -> switch (chosen) {
                    case CSV -> Reports.sessionCsv(view);
                    case PDF -> Reports.sessionPdf(view);
                    default -> view;
                });
    }
}
