package io.classroom.analytics.rest;

import io.classroom.analytics.render.ChartRenderer;
import io.classroom.analytics.security.CurrentCaller;
import io.classroom.analytics.security.Roles;
import io.classroom.analytics.service.ClassroomAnalyticsService;
import io.classroom.analytics.service.ClassroomAnalyticsService.CameraHeatmap;
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

/** Where faces are in a camera's frame and how attentive they are there. */
@Path("/api/analytics/cameras/{cameraId}/heatmap")
@Tag(name = "Cameras", description = "Spatial heatmaps per camera")
public class CameraResource {

    private final ClassroomAnalyticsService classroom;
    private final CurrentCaller caller;

    public CameraResource(ClassroomAnalyticsService classroom, CurrentCaller caller) {
        this.classroom = classroom;
        this.caller = caller;
    }

    @GET
    @Produces({"application/json", "image/png", "image/svg+xml"})
    @RolesAllowed({Roles.ADMIN, Roles.TEACHER})
    @Operation(
            summary = "Spatial heatmap of a camera",
            description = "Face detections per cell of a grid over the frame (box centres; a face counts once per"
                    + " analysed frame) and the attentive share per cell, over all sessions (admins) or one session"
                    + " (teachers: one they teach), with the camera, room and class names. The PNG and SVG are titled"
                    + " with those names, have a legend, and for one session are drawn over a snapshot of the room"
                    + " taken when it started (blurred so that no one can be recognised) when camera-ingest sent one."
                    + " JSON, PNG or SVG.")
    @APIResponse(
            responseCode = "200",
            description = "The grid",
            content = {
                @Content(mediaType = "application/json", schema = @Schema(implementation = CameraHeatmap.class)),
                @Content(mediaType = "image/png"),
                @Content(mediaType = "image/svg+xml")
            })
    @APIResponse(responseCode = "400", description = "Unknown format")
    @APIResponse(responseCode = "403", description = "No sessionId, or a session the teacher does not teach")
    @APIResponse(responseCode = "404", description = "No such camera or session in the caller's tenant")
    public Uni<Response> heatmap(
            @Parameter(
                            description = "camera id, as registered in camera-ingest-service",
                            example = "2f7c9d1e-4a6b-4c8d-9e0f-1a2b3c4d5e6f")
                    @PathParam("cameraId")
                    String cameraId,
            @Parameter(description = "Only this class session", example = "7c9e6679-7425-40de-944b-e07fc1f90ae7")
                    @QueryParam("sessionId")
                    String sessionId,
            @Parameter(description = "json, png or svg", example = "json") @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        Format chosen = Format.pick(format, headers, Format.JSON, Format.PNG, Format.SVG);
        return Rendering.respond(
                classroom.cameraHeatmap(caller.get(), cameraId, sessionId),
                chosen,
                "camera-" + cameraId,
                picture -> switch (chosen) {
                    case PNG -> ChartRenderer.png(Reports.cameraChart(picture));
                    case SVG -> ChartRenderer.svg(Reports.cameraChart(picture));
                    default -> picture.heatmap();
                });
    }
}
