package io.classroom.ingest.rest;

import io.classroom.ingest.error.Problems;
import io.classroom.ingest.security.CurrentCaller;
import io.classroom.ingest.security.Roles;
import io.classroom.ingest.service.WebcamFrameService;
import io.classroom.ingest.service.WebcamFrameService.Accepted;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/ingest/webcam/frames")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
@Tag(
        name = "Webcam frames",
        description = "Frames of students without room cameras, and of a student's personal focus session")
@SecurityRequirement(name = "jwt")
@APIResponse(
        responseCode = "202",
        description = "Published on ingest.frames.v1",
        content = @Content(schema = @Schema(implementation = Accepted.class)))
@APIResponse(responseCode = "400", description = "Missing or invalid session id, bad base64 or undecodable image")
@APIResponse(responseCode = "401", description = "No or invalid token")
@APIResponse(
        responseCode = "403",
        description = "Neither a student on the class session's roster nor the teacher who holds it; staff sending"
                + " into a student's personal session")
@APIResponse(
        responseCode = "404",
        description = "No such active session in the caller's tenant (another student's personal session included)")
@APIResponse(
        responseCode = "409",
        description = "The personal session is paused (type urn:classroom:problem:session-paused, \"paused: frame"
                + " ignored\": nothing published) or has ended (urn:classroom:problem:session-ended)")
@APIResponse(responseCode = "413", description = "Frame larger than 4 MiB (ingest.webcam.max-bytes)")
@APIResponse(responseCode = "415", description = "Not a JPEG or PNG image")
@APIResponse(responseCode = "429", description = "Too many frames per second (see Retry-After)")
public class WebcamFrameResource {

    private final WebcamFrameService service;
    private final CurrentCaller caller;

    public WebcamFrameResource(WebcamFrameService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a webcam frame as base64 JSON (frame_base64, data: URL accepted)")
    public Response postJson(WebcamFrameRequest request) {
        if (request == null) {
            throw Problems.badRequest("missing-body", "a JSON body with sessionId and frame_base64 is required");
        }
        return accepted(request.sessionId(), service.decodeBase64(request.frameBase64()));
    }

    @POST
    @Consumes({"image/jpeg", "image/png"})
    @Operation(summary = "Send a webcam frame as a binary JPEG or PNG body")
    public Response postBinary(
            @Parameter(
                            description = "An active class session, or the caller's own personal session",
                            example = "c2a4e6f8-1b3d-4e5f-9a7b-8c6d4e2f0a1b")
                    @QueryParam("sessionId")
                    String sessionId,
            byte[] body) {
        return accepted(sessionId, body);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Send a webcam frame as multipart form data (fields sessionId and frame)")
    public Response postMultipart(@RestForm String sessionId, @RestForm("frame") FileUpload frame) {
        if (frame == null) {
            throw Problems.badRequest("missing-frame", "the form field frame is required");
        }
        service.checkSize(frame.size());
        try {
            return accepted(sessionId, Files.readAllBytes(frame.uploadedFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Who may send into which session is the service's decision (a class session's roster students and teacher, a
     * personal session's owner).
     */
    private Response accepted(String sessionId, byte[] data) {
        return Response.accepted(service.accept(caller.get(), sessionId, data)).build();
    }
}
