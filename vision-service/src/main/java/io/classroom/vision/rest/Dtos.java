package io.classroom.vision.rest;

import io.classroom.vision.pipeline.ModelFile;
import io.classroom.vision.service.AnalysedFace;
import io.classroom.vision.service.FrameResult;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the REST API. */
public final class Dtos {

    private Dtos() {}

    @Schema(description = "A box in pixels of the analysed image")
    public record Box(double x, double y, double width, double height) {}

    @Schema(description = "Head pose in degrees; yaw > 0 when the nose points to the image's left")
    public record Pose(double yawDeg, double pitchDeg, double rollDeg, double landmarkYawRatio) {}

    @Schema(description = "Pupil position: direction from the subject's view, ratios 0..1 across/down the eye")
    public record Gaze(String direction, double horizontalRatio, double verticalRatio) {}

    @Schema(description = "Recognition quality gate")
    public record Quality(int faceWidthPx, double sharpness, boolean usable, String reason) {}

    @Schema(description = "A recognised user (admins, and the teacher of the named running session)")
    public record Identity(UUID userId, double similarity) {}

    @Schema(description = "One face")
    public record Face(
            Box box,

            @Schema(description = "right eye, left eye, nose tip, right and left mouth corner, in pixels")
            List<double[]> landmarks,

            double detScore,
            Pose pose,
            Gaze gaze,
            boolean attentive,
            Quality quality,
            Identity identity) {}

    @Schema(description = "Analysis of one image")
    public record Analysis(int width, int height, List<Face> faces, Map<String, String> models) {}

    @Schema(description = "Verification of two photos")
    public record Verification(double similarity, boolean samePerson, double threshold) {}

    @Schema(description = "Two base64 images (plain base64 or data URLs) to compare")
    public record VerifyRequest(
            @jakarta.validation.constraints.NotBlank String imageA,
            @jakarta.validation.constraints.NotBlank String imageB,

            @Schema(description = "the running session of the teacher asking (optional for admins)")
            UUID sessionId,

            @Schema(description = "the claimed user, on that session's roster (optional for admins)")
            UUID userId) {}

    @Schema(description = "Enrolment photos as base64 (plain or data URLs)")
    public record EnrolRequest(
            @jakarta.validation.constraints.NotEmpty @jakarta.validation.constraints.Size(max = 10)
            List<@jakarta.validation.constraints.NotBlank String> images) {}

    @Schema(description = "An enrolled face (the vector stays inside the service)")
    public record EnrolledFace(UUID faceId, String modelId, OffsetDateTime createdAt) {}

    @Schema(description = "A user's enrolled faces")
    public record UserFaces(UUID userId, List<EnrolledFace> faces) {}

    @Schema(description = "Where the board is as seen from a source, and the tolerances for attention")
    public record CalibrationBody(
            @jakarta.validation.constraints.DecimalMin("-90") @jakarta.validation.constraints.DecimalMax("90")
            double boardYawDeg,

            @jakarta.validation.constraints.DecimalMin("-90") @jakarta.validation.constraints.DecimalMax("90")
            double boardPitchDeg,

            @jakarta.validation.constraints.DecimalMin("1") @jakarta.validation.constraints.DecimalMax("90")
            double yawToleranceDeg,

            @jakarta.validation.constraints.DecimalMin("1") @jakarta.validation.constraints.DecimalMax("90")
            double pitchToleranceDeg) {}

    /** The analysis as sent; identities are present only where the service matched them for this caller. */
    public static Analysis analysis(FrameResult frame) {
        return new Analysis(
                frame.width(),
                frame.height(),
                frame.faces().stream().map(Dtos::face).toList(),
                ModelFile.ANALYSIS_MODELS);
    }

    static Face face(AnalysedFace face) {
        var a = face.analysis();
        var d = a.face();
        var landmarks = new java.util.ArrayList<double[]>(5);
        for (int i = 0; i < 5; i++) {
            landmarks.add(new double[] {round(d.landmarkX(i)), round(d.landmarkY(i))});
        }
        var g = a.gaze();
        var q = a.quality();
        var p = a.pose();
        return new Face(
                new Box(round(d.x()), round(d.y()), round(d.width()), round(d.height())),
                landmarks,
                round(d.score()),
                new Pose(round(p.yawDeg()), round(p.pitchDeg()), round(p.rollDeg()), round(p.landmarkYawRatio())),
                g == null ? null : new Gaze(g.direction().name(), round(g.horizontalRatio()), round(g.verticalRatio())),
                face.attentive(),
                new Quality(q.faceWidthPx(), round(q.sharpness()), q.usable(), q.reason()),
                face.identity() != null
                        ? new Identity(
                                face.identity().userId(), round(face.identity().similarity()))
                        : null);
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
