package io.classroom.ingest.rest;

import io.classroom.ingest.CameraStatus;
import io.classroom.ingest.ProbeResult;
import io.classroom.ingest.security.CurrentCaller;
import io.classroom.ingest.security.Roles;
import io.classroom.ingest.service.CameraService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The camera registry. Teachers and admins of a tenant read its cameras and their health; only its admins register,
 * change, delete, test, start and stop them (class sessions start and stop their cameras themselves). The service
 * decides: another tenant's camera answers 404, a camera a teacher may see but not change 403.
 */
@Path("/api/ingest/cameras")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TEACHER, Roles.ADMIN})
@Tag(name = "Cameras", description = "Camera registry, streams and health")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No or invalid token")
@APIResponse(responseCode = "403", description = "Not a teacher or admin, or (changes, tests, start/stop) not an admin")
public class CameraResource {

    private static final String CAMERA_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    private final CameraService service;
    private final CurrentCaller caller;

    public CameraResource(CameraService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List the tenant's cameras")
    @APIResponse(
            responseCode = "200",
            description = "Cameras, credentials never included",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CameraView.class)))
    public Uni<List<CameraView>> list() {
        return service.list(caller.get())
                .map(cameras -> cameras.stream().map(CameraView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Register a camera (admins)",
            description = "Credentials are stored encrypted, bound to the URL's scheme, host and port, and never"
                    + " returned.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = CameraView.class)))
    @APIResponse(responseCode = "400", description = "Invalid settings or URL")
    public Uni<Response> create(@Valid @NotNull CameraRequest request, @jakarta.ws.rs.core.Context UriInfo uri) {
        return service.create(caller.get(), request.toSettings())
                .map(camera -> Response.created(uri.getAbsolutePathBuilder()
                                .path(camera.id().toString())
                                .build())
                        .entity(CameraView.of(camera))
                        .build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a camera")
    @APIResponse(
            responseCode = "200",
            description = "The camera",
            content = @Content(schema = @Schema(implementation = CameraView.class)))
    @APIResponse(responseCode = "404", description = "No such camera in the caller's tenant")
    public Uni<CameraView> get(@Parameter(description = "Camera id", example = CAMERA_ID) @PathParam("id") UUID id) {
        return service.get(caller.get(), id).map(CameraView::of);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace a camera's settings (admins)",
            description = "Omit username and password to keep the stored credentials, as long as the URL keeps their"
                    + " scheme, host and port; a URL that moves elsewhere without new credentials drops them"
                    + " (hasCredentials false). A running stream restarts.")
    @APIResponse(
            responseCode = "200",
            description = "Updated",
            content = @Content(schema = @Schema(implementation = CameraView.class)))
    @APIResponse(responseCode = "400", description = "Invalid settings or URL")
    @APIResponse(responseCode = "404", description = "No such camera in the caller's tenant")
    public Uni<CameraView> update(
            @Parameter(description = "Camera id", example = CAMERA_ID) @PathParam("id") UUID id,
            @Valid @NotNull CameraRequest request) {
        return service.update(caller.get(), id, request.toSettings()).map(CameraView::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a camera, its stream stops (admins)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such camera in the caller's tenant")
    public Uni<Void> delete(@Parameter(description = "Camera id", example = CAMERA_ID) @PathParam("id") UUID id) {
        return service.delete(caller.get(), id);
    }

    @POST
    @Path("/{id}/start")
    @Operation(
            summary = "Start the camera's stream by hand (admins)",
            description = "One replica picks it up through a lease. Class sessions start their cameras themselves.")
    @APIResponse(
            responseCode = "202",
            description = "Requested; poll the status",
            content = @Content(schema = @Schema(implementation = CameraStatus.class)))
    @APIResponse(responseCode = "404", description = "No such camera in the caller's tenant")
    @APIResponse(responseCode = "409", description = "The camera is disabled")
    public Uni<Response> start(@Parameter(description = "Camera id", example = CAMERA_ID) @PathParam("id") UUID id) {
        return service.requestRun(caller.get(), id, true)
                .map(status -> Response.accepted(status).build());
    }

    @POST
    @Path("/{id}/stop")
    @Operation(summary = "Stop the camera's stream (admins)")
    @APIResponse(
            responseCode = "202",
            description = "Requested; poll the status",
            content = @Content(schema = @Schema(implementation = CameraStatus.class)))
    @APIResponse(responseCode = "404", description = "No such camera in the caller's tenant")
    public Uni<Response> stop(@Parameter(description = "Camera id", example = CAMERA_ID) @PathParam("id") UUID id) {
        return service.requestRun(caller.get(), id, false)
                .map(status -> Response.accepted(status).build());
    }

    @GET
    @Path("/{id}/status")
    @Operation(summary = "Live health of the camera's stream", description = "Answered by any replica from Redis.")
    @APIResponse(
            responseCode = "200",
            description = "The status",
            content = @Content(schema = @Schema(implementation = CameraStatus.class)))
    @APIResponse(responseCode = "404", description = "No such camera in the caller's tenant")
    public Uni<CameraStatus> status(
            @Parameter(description = "Camera id", example = CAMERA_ID) @PathParam("id") UUID id) {
        return service.status(caller.get(), id);
    }

    @GET
    @Path("/status")
    @Operation(summary = "Live health of all the tenant's cameras")
    @APIResponse(
            responseCode = "200",
            description = "One status per camera",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CameraStatus.class)))
    public Uni<List<CameraStatus>> statuses() {
        return service.statuses(caller.get());
    }

    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Test a connection before saving (admins)",
            description = "Probes the URL with a timeout: codec, resolution and frame rate, or a coarse reason"
                    + " (UNREACHABLE, AUTH_FAILED, NOT_A_VIDEO_STREAM, NOT_ALLOWED). An address outside the allowed"
                    + " camera networks answers NOT_ALLOWED without any connection.")
    @APIResponse(
            responseCode = "200",
            description = "The probe ran; see ok and reason",
            content = @Content(schema = @Schema(implementation = ProbeResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid URL")
    public Uni<ProbeResult> test(@Valid @NotNull ProbeRequest request) {
        return service.test(
                caller.get(), request.rtspUrl(), request.username(), request.password(), request.tlsVerify());
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Test a saved camera's connection with its stored credentials (admins)")
    @APIResponse(
            responseCode = "200",
            description = "The probe ran; see ok and reason",
            content = @Content(schema = @Schema(implementation = ProbeResult.class)))
    @APIResponse(responseCode = "404", description = "No such camera in the caller's tenant")
    public Uni<ProbeResult> testSaved(
            @Parameter(description = "Camera id", example = CAMERA_ID) @PathParam("id") UUID id) {
        return service.test(caller.get(), id);
    }
}
