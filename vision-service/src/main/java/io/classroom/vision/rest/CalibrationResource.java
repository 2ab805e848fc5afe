package io.classroom.vision.rest;

import io.classroom.vision.pipeline.Calibration;
import io.classroom.vision.security.CurrentCaller;
import io.classroom.vision.security.Roles;
import io.classroom.vision.service.CalibrationService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Per camera/webcam calibration: where the board is as seen from the source, and the attention tolerances. Who may read
 * and change which source is decided by the service (admins, the teacher of a running session filmed by the camera, a
 * user for their own webcam; staff read every source of their tenant).
 */
@Path("/api/vision/calibrations/{sourceId}")
@Tag(name = "Calibration", description = "Board direction per source for the attention decision")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid access token")
public class CalibrationResource {

    private final CalibrationService calibrations;
    private final CurrentCaller caller;

    public CalibrationResource(CalibrationService calibrations, CurrentCaller caller) {
        this.calibrations = calibrations;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
    @Operation(
            summary = "The calibration stored for a source (straight ahead when none is stored)",
            description = "Without a stored calibration a room camera's frames use the board direction learnt from"
                    + " its faces, kept in the memory of the replica analysing them and not shown here.")
    @APIResponse(responseCode = "200", description = "The calibration")
    @APIResponse(responseCode = "404", description = "A student asking for a source other than their own webcam")
    public Uni<Dtos.CalibrationBody> get(
            @Parameter(
                            description = "a room camera's id, or webcam:<user id> for a user's own webcam",
                            example = "b2c4e6f8-0a1b-4c3d-9e5f-7a8b9c0d1e2f")
                    @PathParam("sourceId")
                    @Pattern(regexp = "[\\w.:-]{1,128}")
                    String sourceId) {
        return calibrations.effective(caller.get(), sourceId).map(CalibrationResource::toBody);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
    @Operation(
            summary = "Set a source's calibration",
            description = "Admins; the teacher of a running session filmed by this camera; anyone for their own webcam"
                    + " (webcam:<their user id>).")
    @APIResponse(responseCode = "200", description = "The stored calibration")
    @APIResponse(responseCode = "400", description = "Angles out of range")
    @APIResponse(responseCode = "403", description = "A source the caller may read but not change")
    @APIResponse(responseCode = "404", description = "A source the caller may not see")
    public Uni<Dtos.CalibrationBody> put(
            @Parameter(
                            description = "a room camera's id, or webcam:<user id> for a user's own webcam",
                            example = "b2c4e6f8-0a1b-4c3d-9e5f-7a8b9c0d1e2f")
                    @PathParam("sourceId")
                    @Pattern(regexp = "[\\w.:-]{1,128}")
                    String sourceId,
            @Valid @NotNull Dtos.CalibrationBody body) {
        var calibration = new Calibration(
                body.boardYawDeg(), body.boardPitchDeg(), body.yawToleranceDeg(), body.pitchToleranceDeg());
        return calibrations.save(caller.get(), sourceId, calibration).replaceWith(body);
    }

    @DELETE
    @RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
    @Operation(
            summary = "Remove a source's calibration; who may: as for PUT",
            description = "A room camera's frames then use the board direction learnt from its faces, a webcam's"
                    + " straight ahead.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "A source the caller may read but not change")
    @APIResponse(
            responseCode = "404",
            description = "No calibration stored for this source, or one the caller may not see")
    public Uni<Response> delete(
            @Parameter(
                            description = "a room camera's id, or webcam:<user id> for a user's own webcam",
                            example = "b2c4e6f8-0a1b-4c3d-9e5f-7a8b9c0d1e2f")
                    @PathParam("sourceId")
                    @Pattern(regexp = "[\\w.:-]{1,128}")
                    String sourceId) {
        return calibrations
                .delete(caller.get(), sourceId)
                .replaceWith(Response.noContent().build());
    }

    private static Dtos.CalibrationBody toBody(Calibration c) {
        return new Dtos.CalibrationBody(c.boardYawDeg(), c.boardPitchDeg(), c.yawToleranceDeg(), c.pitchToleranceDeg());
    }
}
