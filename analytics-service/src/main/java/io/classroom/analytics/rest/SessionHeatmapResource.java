package io.classroom.analytics.rest;

import io.classroom.analytics.render.ChartRenderer;
import io.classroom.analytics.security.CurrentCaller;
import io.classroom.analytics.security.Roles;
import io.classroom.analytics.service.SessionHeatmapService;
import io.classroom.analytics.service.SessionHeatmapService.SessionHeatmapView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

/** When sessions happen: per day, weekday x hour, busiest days. */
@Path("/api/analytics/sessions/heatmap")
@Tag(name = "Sessions", description = "Session heatmaps over personal tracking sessions and class sessions")
public class SessionHeatmapResource {

    private final SessionHeatmapService heatmaps;
    private final CurrentCaller caller;

    public SessionHeatmapResource(SessionHeatmapService heatmaps, CurrentCaller caller) {
        this.heatmaps = heatmaps;
        this.caller = caller;
    }

    @GET
    @Produces({"application/json", "image/png", "image/svg+xml"})
    @RolesAllowed({Roles.ADMIN, Roles.TEACHER, Roles.STUDENT})
    @Operation(
            summary = "Session heatmap",
            description = "Sessions started in [from, to) (default: the last 30 days) per local day and in a weekday"
                    + " x hour grid (weekday 0 = Monday), the most active days with their top hours, distinct users"
                    + " and the average session time, in an IANA time zone (default: the tenant's, else UTC). Personal"
                    + " sessions count for their application (?app=, default classroom-web) only; class sessions"
                    + " belong to no application and always count. JSON, or the grid as PNG or SVG (?format= or"
                    + " Accept).")
    @APIResponse(
            responseCode = "200",
            description = "The heatmap",
            content = {
                @Content(mediaType = "application/json", schema = @Schema(implementation = SessionHeatmapView.class)),
                @Content(mediaType = "image/png"),
                @Content(mediaType = "image/svg+xml")
            })
    @APIResponse(
            responseCode = "400",
            description = "Unparsable (invalid-date, naming the parameter), inverted or too long range; unknown zone;"
                    + " malformed app; unknown format")
    @APIResponse(responseCode = "403", description = "Not allowed to see that user")
    public Uni<Response> heatmap(
            @Parameter(description = ParameterDocs.FROM, example = "2026-09-01") @QueryParam("from") String from,
            @Parameter(description = ParameterDocs.TO, example = "2026-09-30") @QueryParam("to") String to,
            @Parameter(description = ParameterDocs.ZONE, example = "Europe/Paris") @QueryParam("zone") String zone,
            @Parameter(description = "Only this user's sessions") @QueryParam("userId") String userId,
            @Parameter(description = ParameterDocs.APP, example = "classroom-web") @QueryParam("app") String app,
            @Parameter(description = "json, png or svg") @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        Format chosen = Format.pick(format, headers, Format.JSON, Format.PNG, Format.SVG);
        return Rendering.respond(
                heatmaps.heatmap(caller.get(), from, to, zone, userId, app),
                chosen,
                "session-heatmap",
                view -> switch (chosen) {
                    case PNG -> ChartRenderer.png(SessionHeatmapService.chart(view));
                    case SVG -> ChartRenderer.svg(SessionHeatmapService.chart(view));
                    default -> view;
                });
    }
}
