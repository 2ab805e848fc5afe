package io.classroom.vision.rest;

import io.classroom.vision.GalleryFace;
import io.classroom.vision.error.Problems;
import io.classroom.vision.security.CurrentCaller;
import io.classroom.vision.security.Roles;
import io.classroom.vision.service.Base64Images;
import io.classroom.vision.service.GalleryService;
import io.classroom.vision.service.VisionService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The face gallery of the caller's tenant. Who may see and change a user's faces is decided by the service
 * ({@code GalleryAccess}): admins anyone's, teachers their students', a student their own where the school allows it.
 */
@Path("/api/vision/gallery/{userId}/faces")
@Tag(name = "Gallery", description = "Enrolled faces per user")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid access token")
@APIResponse(
        responseCode = "403",
        description = "A student's own faces where the school does not allow student self-enrolment")
@APIResponse(responseCode = "404", description = "Not an admin, not the user's teacher, or not the user themself")
@APIResponse(
        responseCode = "503",
        description = "classroom-service could not confirm that the student is on one of the teacher's rosters")
public class GalleryResource {

    private final GalleryService gallery;
    private final VisionService vision;
    private final CurrentCaller caller;

    public GalleryResource(GalleryService gallery, VisionService vision, CurrentCaller caller) {
        this.gallery = gallery;
        this.vision = vision;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
    @Operation(summary = "Enrol a user from photos (multipart, one or more `photo` parts)")
    @APIResponse(
            responseCode = "201",
            description = "The user's faces after enrolment",
            content = @Content(schema = @Schema(implementation = Dtos.UserFaces.class)))
    @APIResponse(responseCode = "400", description = "No photo, or a photo that is not a JPEG/PNG image")
    @APIResponse(responseCode = "422", description = "A photo shows zero or several faces, or too many faces enrolled")
    public Uni<Response> enrolMultipart(
            @Parameter(description = "the user", example = "3f2b8c1e-6d4a-4e9b-a7c5-1b2d3e4f5a6b") @PathParam("userId")
                    UUID userId,
            @RestForm("photo") List<FileUpload> photos) {
        if (photos == null || photos.isEmpty()) {
            throw Problems.of(Response.Status.BAD_REQUEST, "no-photo", "No photo", "send one or more 'photo' parts");
        }
        var images = new ArrayList<VisionService.Photo>();
        for (var photo : photos) {
            try {
                images.add(new VisionService.Photo(photo.fileName(), Files.readAllBytes(photo.uploadedFile())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return enrol(userId, images);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
    @Operation(summary = "Enrol a user from base64 photos")
    @APIResponse(
            responseCode = "201",
            description = "The user's faces after enrolment",
            content = @Content(schema = @Schema(implementation = Dtos.UserFaces.class)))
    @APIResponse(responseCode = "400", description = "Invalid base64 or image")
    @APIResponse(responseCode = "422", description = "A photo shows zero or several faces, or too many faces enrolled")
    public Uni<Response> enrolJson(
            @Parameter(description = "the user", example = "3f2b8c1e-6d4a-4e9b-a7c5-1b2d3e4f5a6b") @PathParam("userId")
                    UUID userId,
            @Valid @NotNull Dtos.EnrolRequest request) {
        var images = new ArrayList<VisionService.Photo>();
        for (int i = 0; i < request.images().size(); i++) {
            var label = "images[" + i + "]";
            images.add(new VisionService.Photo(
                    label, Base64Images.decode(request.images().get(i), label)));
        }
        return enrol(userId, images);
    }

    @GET
    @RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
    @Operation(summary = "List a user's enrolled faces")
    @APIResponse(responseCode = "200", description = "The faces")
    @APIResponse(responseCode = "404", description = "No face enrolled for this user in the tenant")
    public Uni<Dtos.UserFaces> list(
            @Parameter(description = "the user", example = "3f2b8c1e-6d4a-4e9b-a7c5-1b2d3e4f5a6b") @PathParam("userId")
                    UUID userId) {
        return gallery.list(caller.get(), userId).map(faces -> toBody(userId, faces));
    }

    @DELETE
    @Path("/{faceId}")
    @RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
    @Operation(summary = "Delete one enrolled face")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such face for this user in the tenant")
    public Uni<Response> deleteOne(
            @Parameter(description = "the user", example = "3f2b8c1e-6d4a-4e9b-a7c5-1b2d3e4f5a6b") @PathParam("userId")
                    UUID userId,
            @Parameter(description = "the enrolled face", example = "9e4c2a7b-1d3f-4b5e-8c6a-0f2e4d6b8a1c")
                    @PathParam("faceId")
                    UUID faceId) {
        return gallery.deleteFace(caller.get(), userId, faceId)
                .replaceWith(Response.noContent().build());
    }

    @DELETE
    @RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
    @Operation(summary = "Delete all faces of a user")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No face enrolled for this user in the tenant")
    public Uni<Response> deleteAll(
            @Parameter(description = "the user", example = "3f2b8c1e-6d4a-4e9b-a7c5-1b2d3e4f5a6b") @PathParam("userId")
                    UUID userId) {
        return gallery.deleteAll(caller.get(), userId)
                .replaceWith(Response.noContent().build());
    }

    private Uni<Response> enrol(UUID userId, List<VisionService.Photo> images) {
        return vision.enrol(caller.get(), userId, images)
                .map(faces -> Response.status(Response.Status.CREATED)
                        .entity(toBody(userId, faces))
                        .build());
    }

    private static Dtos.UserFaces toBody(UUID userId, List<GalleryFace> faces) {
        return new Dtos.UserFaces(
                userId,
                faces.stream()
                        .map(f -> new Dtos.EnrolledFace(f.faceId(), f.modelId(), f.createdAt()))
                        .toList());
    }
}
