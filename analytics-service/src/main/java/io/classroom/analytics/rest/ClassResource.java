package io.classroom.analytics.rest;

import io.classroom.analytics.error.Problems;
import io.classroom.analytics.security.CurrentCaller;
import io.classroom.analytics.security.Roles;
import io.classroom.analytics.service.ClassroomAnalyticsService;
import io.classroom.analytics.service.ClassroomAnalyticsService.ClassReport;
import io.classroom.analytics.service.Ranges;
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

/** Attendance of a class over a term. */
@Path("/api/analytics/classes/{classId}/attendance")
@Tag(name = "Classes", description = "Attendance of a class over a term")
public class ClassResource {

    private final ClassroomAnalyticsService classroom;
    private final Ranges ranges;
    private final CurrentCaller caller;

    public ClassResource(ClassroomAnalyticsService classroom, Ranges ranges, CurrentCaller caller) {
        this.classroom = classroom;
        this.ranges = ranges;
        this.caller = caller;
    }

    @GET
    @Produces({"application/json", "text/csv", "application/pdf"})
    @RolesAllowed({Roles.ADMIN, Roles.TEACHER, Roles.STUDENT})
    @Operation(
            summary = "Attendance report of a class",
            description = "Attendance rate per student and per session for sessions started in [from, to) (default:"
                    + " the last 30 days), the trend of the per-session rate, and the students below the at-risk rate."
                    + " JSON, CSV or PDF (?format= or Accept). Teachers see the classes they teach; students get their"
                    + " own row only.")
    @APIResponse(
            responseCode = "200",
            description = "The report",
            content = {
                @Content(mediaType = "application/json", schema = @Schema(implementation = ClassReport.class)),
                @Content(mediaType = "text/csv"),
                @Content(mediaType = "application/pdf")
            })
    @APIResponse(
            responseCode = "400",
            description = "Unparsable (invalid-date, naming the parameter), inverted or too long range; unknown zone;"
                    + " bad rate; unknown format")
    @APIResponse(responseCode = "403", description = "Not a class the caller teaches")
    @APIResponse(responseCode = "404", description = "No such class in the caller's tenant")
    public Uni<Response> report(
            @PathParam("classId") String classId,
            @Parameter(description = ParameterDocs.FROM, example = "2026-09-01") @QueryParam("from") String from,
            @Parameter(description = ParameterDocs.TO, example = "2026-12-20") @QueryParam("to") String to,
            @Parameter(description = ParameterDocs.ZONE) @QueryParam("zone") String zone,
            @Parameter(description = "At-risk rate between 0 and 1 (default from configuration)")
                    @QueryParam("atRiskBelow")
                    String atRiskBelow,
            @Parameter(description = "json, csv or pdf") @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        Format chosen = Format.pick(format, headers, Format.JSON, Format.CSV, Format.PDF);
        var who = caller.get();
        var range = ranges.range(who, from, to, zone);
        return Rendering.respond(
                classroom.classReport(who, classId, range, rate(atRiskBelow)),
                chosen,
                "class-attendance-" + classId,
                view -> switch (chosen) {
                    case CSV -> Reports.classCsv(view);
                    case PDF -> Reports.classPdf(view);
                    default -> view;
                });
    }

    private static Double rate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw Problems.badRequest("invalid-rate", "'atRiskBelow' must be a number between 0 and 1");
        }
    }
}
