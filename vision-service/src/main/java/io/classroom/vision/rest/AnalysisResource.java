package io.classroom.vision.rest;

import io.classroom.vision.pipeline.FaceEmbedder;
import io.classroom.vision.security.CurrentCaller;
import io.classroom.vision.security.Roles;
import io.classroom.vision.service.Base64Images;
import io.classroom.vision.service.GalleryService;
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

/** Analysis of single images: faces, pose, gaze, attention and (for staff) identities; verification of two. */
@Path("/api/vision")
@Tag(name = "Analysis", description = "Face detection, head pose, gaze, attention and recognition of images")
@Produces(MediaType.APPLICATION_JSON)
public class AnalysisResource {

    private final VisionService vision;
    private final GalleryService gallery;
    private final CurrentCaller caller;

    public AnalysisResource(VisionService vision, GalleryService gallery, CurrentCaller caller) {
        this.vision = vision;
        this.gallery = gallery;
        this.caller = caller;
    }

    @POST
    @Path("/analyze")
    @Consumes({"image/jpeg", "image/png"})
    @RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
    @Operation(
            summary = "Analyse an image",
            description = "Faces with boxes, landmarks, head pose, gaze, attention (using the source's calibration) and"
                    + " quality; identities only for teachers and admins.")
    @APIResponse(responseCode = "200", description = "The faces found (possibly none)")
    @APIResponse(responseCode = "400", description = "Not a JPEG/PNG image, empty or truncated")
    @APIResponse(responseCode = "413", description = "Image larger than the pixel limit")
    @APIResponse(responseCode = "415", description = "Body is not image/jpeg or image/png")
    @APIResponse(responseCode = "503", description = "All model workers busy")
    public Uni<Dtos.Analysis> analyze(
            @Parameter(description = "camera or webcam whose calibration applies")
                    @QueryParam("sourceId")
                    @Size(max = 128)
                    String sourceId,
            @Parameter(description = "class session whose roster restricts recognition") @QueryParam("sessionId")
                    UUID sessionId,
            byte[] image) {
        var who = caller.get();
        return vision.analyse(who.tenantId(), image, sourceId, sessionId, who.isStaff())
                .map(frame -> Dtos.analysis(frame, who.isStaff()));
    }

    @POST
    @Path("/identify")
    @Consumes({"image/jpeg", "image/png"})
    @RolesAllowed({Roles.TEACHER, Roles.ADMIN})
    @Operation(summary = "Identify the faces of an image against the tenant's gallery")
    @APIResponse(responseCode = "200", description = "The faces, each with its identity or null (unknown)")
    @APIResponse(responseCode = "400", description = "Not a JPEG/PNG image, empty or truncated")
    @APIResponse(responseCode = "413", description = "Image larger than the pixel limit")
    @APIResponse(responseCode = "415", description = "Body is not image/jpeg or image/png")
    public Uni<Dtos.Analysis> identify(
            @Parameter(description = "class session whose roster restricts recognition") @QueryParam("sessionId")
                    UUID sessionId,
            byte[] image) {
        var who = caller.get();
        return vision.analyse(who.tenantId(), image, null, sessionId, true).map(frame -> Dtos.analysis(frame, true));
    }

    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TEACHER, Roles.ADMIN})
    @Operation(summary = "Verify whether two photos show the same person (largest face of each)")
    @APIResponse(responseCode = "200", description = "Cosine similarity and decision")
    @APIResponse(responseCode = "400", description = "Invalid base64 or image")
    @APIResponse(responseCode = "422", description = "A photo shows no face")
    public Uni<Dtos.Verification> verify(@Valid @NotNull Dtos.VerifyRequest request) {
        caller.get();
        var a = Base64Images.decode(request.imageA(), "imageA");
        var b = Base64Images.decode(request.imageB(), "imageB");
        double threshold = gallery.recognition().threshold();
        return vision.embedLargestFace(a, "imageA")
                .chain(va -> vision.embedLargestFace(b, "imageB").map(vb -> {
                    double similarity = Dtos.round(FaceEmbedder.cosine(va, vb));
                    return new Dtos.Verification(similarity, similarity >= threshold, threshold);
                }));
    }
}
