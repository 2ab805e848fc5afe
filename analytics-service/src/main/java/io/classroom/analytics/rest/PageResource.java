package io.classroom.analytics.rest;

import io.classroom.analytics.App;
import io.classroom.analytics.PageView;
import io.classroom.analytics.config.AnalyticsConfig;
import io.classroom.analytics.security.CurrentCaller;
import io.classroom.analytics.security.Roles;
import io.classroom.analytics.service.PageAnalyticsService;
import io.classroom.analytics.service.PageAnalyticsService.PageStats;
import io.classroom.analytics.service.PageRequest;
import io.classroom.analytics.service.Ranges;
import io.classroom.analytics.service.Timestamps;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Page tracking for the web apps: record views, read per-page statistics. */
@Path("/api/analytics/pages")
@Tag(name = "Pages", description = "Page views and page statistics of the web apps")
@Produces(MediaType.APPLICATION_JSON)
public class PageResource {

    private final PageAnalyticsService pages;
    private final Ranges ranges;
    private final AnalyticsConfig config;
    private final CurrentCaller caller;

    public PageResource(PageAnalyticsService pages, Ranges ranges, AnalyticsConfig config, CurrentCaller caller) {
        this.pages = pages;
        this.ranges = ranges;
        this.config = config;
        this.caller = caller;
    }

    /** A page view sent by a web app. */
    public record PageViewRequest(
            @NotBlank @Size(max = 512) @Schema(example = "/classes/physics-101")
            String page,

            @NotNull @PositiveOrZero @Max(86_400) @Schema(example = "42")
            Long timeSpentSeconds,

            @Schema(
                    type = SchemaType.STRING,
                    format = "date-time",
                    description = "When the view happened: ISO-8601 with Z or an offset; without either it is"
                            + " UTC. Default now. Malformed: 400 invalid-date naming `timestamp`.",
                    example = "2026-09-01T08:10:00Z")
            String timestamp,

            @Pattern(regexp = App.PATTERN)
            @Schema(
                    description = "The application the view happened in; default classroom-web",
                    example = "classroom-web")
            String app) {}

    /** A stored page view. */
    public record PageViewResponse(
            String id, String tenantId, String userId, String app, String page, long timeSpentSeconds, Instant at) {
        static PageViewResponse of(PageView view) {
            return new PageViewResponse(
                    view.id.toHexString(),
                    view.tenantId,
                    view.userId,
                    view.app,
                    view.page,
                    view.timeSpentSeconds,
                    view.at);
        }
    }

    @POST
    @Path("/views")
    @RolesAllowed({Roles.ADMIN, Roles.TEACHER, Roles.STUDENT})
    @Operation(summary = "Track a page view", description = "Tenant and user come from the access token.")
    @APIResponse(
            responseCode = "201",
            description = "Stored",
            content = @Content(schema = @Schema(implementation = PageViewResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Missing page, negative or too long time, malformed or future timestamp, malformed app")
    @APIResponse(responseCode = "401", description = "No valid access token")
    public Uni<Response> track(@Valid @NotNull PageViewRequest request) {
        Instant timestamp = request.timestamp() == null ? null : Timestamps.parse(request.timestamp(), "timestamp");
        return pages.track(caller.get(), request.app(), request.page(), request.timeSpentSeconds(), timestamp)
                .map(view -> Response.status(Response.Status.CREATED)
                        .entity(PageViewResponse.of(view))
                        .build());
    }

    @GET
    @Path("/stats")
    @RolesAllowed({Roles.ADMIN, Roles.TEACHER, Roles.STUDENT})
    @Operation(
            summary = "Page statistics",
            description = "Visits and time spent per page of one application (?app=, default classroom-web) over the"
                    + " last 24 hours, 7 days, 30 days, all time and the window `range` = [from, to) (default: the"
                    + " last 30 days), most visited first; each window's page list is paginated. Students see"
                    + " themselves only, teachers themselves or the students of their classes, admins the tenant.")
    @APIResponse(
            responseCode = "200",
            description = "Statistics",
            content = @Content(schema = @Schema(implementation = PageStats.class)))
    @APIResponse(
            responseCode = "400",
            description = "Bad page or size; unparsable (invalid-date, naming the parameter), inverted or too long"
                    + " range; unknown zone; malformed app")
    @APIResponse(responseCode = "403", description = "Not allowed to see that user")
    public Uni<PageStats> stats(
            @Parameter(description = "Only this user's views") @QueryParam("userId") String userId,
            @Parameter(description = "Page of each window's list, from 0") @QueryParam("page") String page,
            @Parameter(description = "Rows per page") @QueryParam("size") String size,
            @Parameter(description = ParameterDocs.APP, example = "classroom-web") @QueryParam("app") String app,
            @Parameter(description = ParameterDocs.FROM, example = "2026-09-01") @QueryParam("from") String from,
            @Parameter(description = ParameterDocs.TO, example = "2026-09-30") @QueryParam("to") String to,
            @Parameter(description = ParameterDocs.ZONE) @QueryParam("zone") String zone) {
        var who = caller.get();
        var pageRequest = PageRequest.of(page, size, 50, config.maxPageSize());
        return pages.stats(who, userId, app, ranges.range(who, from, to, zone), pageRequest);
    }
}
