package io.classroom.vision.rest;

import io.classroom.vision.security.CurrentCaller;
import io.classroom.vision.security.Roles;
import io.classroom.vision.service.Base64Images;
import io.classroom.vision.service.VisionService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Analysis of single images: faces, pose, gaze, attention and identities for those who may learn them (the service
 * decides: admins, and the teacher of a running session for its roster); verification of two photos.
 */
@Path("/api/vision")
@Tag(name = "Analysis", description = "Face detection, head pose, gaze, attention and recognition of images")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid access token")
public class AnalysisResource {

    private final VisionService vision;
    private final CurrentCaller caller;

    public AnalysisResource(VisionService vision, CurrentCaller caller) {
        this.vision = vision;
        this.caller = caller;
    }

    @POST
    @Path("/analyze")
    @Consumes({"image/jpeg", "image/png"})
    @RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
    @Operation(
            summary = "Analyse an image",
            description = "Faces with boxes, landmarks, head pose, gaze, attention (using the source's calibration) and"
                    + " quality. Identities only for admins (the tenant's gallery, or the session's roster) and for"
                    + " the teacher of the running session named by sessionId (its roster only); null otherwise.")
    @APIResponse(responseCode = "200", description = "The faces found (possibly none)")
    @APIResponse(responseCode = "400", description = "Not a JPEG/PNG image, empty or truncated")
    @APIResponse(responseCode = "404", description = "A sourceId whose calibration the caller may not read")
    @APIResponse(responseCode = "413", description = "Image larger than the pixel limit")
    @APIResponse(responseCode = "415", description = "Body is not image/jpeg or image/png")
    @APIResponse(responseCode = "503", description = "All model workers busy")
    public Uni<Dtos.Analysis> analyze(
            @Parameter(
                            description = "camera or webcam whose calibration applies",
                            example = "b2c4e6f8-0a1b-4c3d-9e5f-7a8b9c0d1e2f")
                    @QueryParam("sourceId")
                    @Size(max = 128)
                    String sourceId,
            @Parameter(
                            description = "running class session whose roster restricts recognition",
                            example = "8d1f6c2a-3b4e-4f5a-9c6d-7e8f9a0b1c2d")
                    @QueryParam("sessionId")
                    UUID sessionId,
            byte[] image) {
        return vision.analyse(caller.get(), image, sourceId, sessionId).map(Dtos::analysis);
    }

    @POST
    @Path("/identify")
    @Consumes({"image/jpeg", "image/png"})
    @RolesAllowed({Roles.TEACHER, Roles.ADMIN})
    @Operation(
            summary = "Identify the faces of an image",
            description = "Without sessionId: admins only, against the tenant's gallery. With sessionId: the"
                    + " session's teacher or an admin, against the session's roster only.")
    @APIResponse(responseCode = "200", description = "The faces, each with its identity or null (unknown)")
    @APIResponse(responseCode = "400", description = "Not a JPEG/PNG image, empty or truncated")
    @APIResponse(responseCode = "403", description = "Not an admin and no sessionId, or a student")
    @APIResponse(responseCode = "404", description = "No running session with this id that the caller teaches")
    @APIResponse(responseCode = "413", description = "Image larger than the pixel limit")
    @APIResponse(responseCode = "415", description = "Body is not image/jpeg or image/png")
    public Uni<Dtos.Analysis> identify(
            @Parameter(
                            description = "running class session whose roster the faces are matched against",
                            example = "8d1f6c2a-3b4e-4f5a-9c6d-7e8f9a0b1c2d")
                    @QueryParam("sessionId")
                    UUID sessionId,
            byte[] image) {
        return vision.identify(caller.get(), image, sessionId).map(Dtos::analysis);
    }

    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TEACHER, Roles.ADMIN})
    @Operation(
            summary = "Verify whether two photos show the same person (largest face of each)",
            description = "Admins; teachers name their running session (sessionId) and the claimed student on its"
                    + " roster (userId).")
    @APIResponse(responseCode = "200", description = "Cosine similarity and decision")
    @APIResponse(responseCode = "400", description = "Invalid base64 or image")
    @APIResponse(
            responseCode = "403",
            description = "A student, or a teacher without their session or with a userId not on its roster")
    @APIResponse(responseCode = "404", description = "No running session with this id that the caller teaches")
    @APIResponse(responseCode = "422", description = "A photo shows no face")
    public Uni<Dtos.Verification> verify(@Valid @NotNull Dtos.VerifyRequest request) {
        var a = Base64Images.decode(request.imageA(), "imageA");
        var b = Base64Images.decode(request.imageB(), "imageB");
        return vision.verify(caller.get(), a, b, request.sessionId(), request.userId())
                .map(v -> new Dtos.Verification(Dtos.round(v.similarity()), v.samePerson(), v.threshold()));
    }
}
