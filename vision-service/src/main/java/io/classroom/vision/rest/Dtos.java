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
    public record Box(
            @Schema(examples = "412.0") double x,
            @Schema(examples = "188.5") double y,
            @Schema(examples = "96.0") double width,
            @Schema(examples = "118.0") double height) {}

    @Schema(description = "Head pose in degrees; yaw > 0 when the nose points to the image's left")
    public record Pose(
            @Schema(examples = "-12.4") double yawDeg,

            @Schema(description = "negative when looking down", examples = "-6.8")
            double pitchDeg,

            @Schema(examples = "2.1") double rollDeg,

            @Schema(
                    description = "nose offset from the eye/mouth midline in inter-ocular units, roll removed",
                    examples = "-0.08")
            double landmarkYawRatio) {}

    @Schema(description = "Pupil position: direction from the subject's view, ratios 0..1 across/down the eye")
    public record Gaze(
            @Schema(description = "LEFT, CENTER, RIGHT, UP or DOWN", examples = "CENTER")
            String direction,

            @Schema(examples = "0.52") double horizontalRatio,
            @Schema(examples = "0.47") double verticalRatio) {}

    @Schema(description = "Recognition quality gate")
    public record Quality(
            @Schema(examples = "96") int faceWidthPx,

            @Schema(description = "variance of the Laplacian of the aligned face", examples = "142.7")
            double sharpness,

            @Schema(examples = "true") boolean usable,

            @Schema(
                    description = "why the face may not be recognised (narrow, blurred, head turned too far); null"
                            + " when usable",
                    examples = "blurred")
            String reason) {}

    @Schema(description = "A recognised user (admins, and the teacher of the named running session)")
    public record Identity(
            @Schema(examples = "3f2b8c1e-6d4a-4e9b-a7c5-1b2d3e4f5a6b")
            UUID userId,

            @Schema(description = "cosine similarity to the user's enrolled faces", examples = "0.63")
            double similarity) {}

    @Schema(description = "One face")
    public record Face(
            Box box,

            @Schema(
                    description = "right eye, left eye, nose tip, right and left mouth corner, in pixels",
                    examples = "[[436.2, 231.0], [475.9, 229.4], [457.3, 254.8], [440.1, 279.6], [472.5, 278.2]]")
            List<double[]> landmarks,

            @Schema(description = "detector confidence, 0..1", examples = "0.93")
            double detScore,

            Pose pose,
            Gaze gaze,

            @Schema(
                    description = "head pose towards the board of the source's calibration, unless a reliable"
                            + " sideways gaze vetoes it",
                    examples = "true")
            boolean attentive,

            Quality quality,

            @Schema(description = "null when unknown or not disclosed to the caller")
            Identity identity) {}

    @Schema(description = "Analysis of one image")
    public record Analysis(
            @Schema(description = "image width in pixels", examples = "1280")
            int width,

            @Schema(description = "image height in pixels", examples = "720")
            int height,

            List<Face> faces,

            @Schema(
                    description = "the models behind the analysis, by role",
                    examples =
                            "{\"detector\": \"yunet-2023mar\", \"pose\": \"fsanet-688590\", \"embedder\": \"mobilefacenet-foamliu\"}")
            Map<String, String> models) {}

    @Schema(description = "Verification of two photos")
    public record Verification(
            @Schema(description = "cosine similarity of the two largest faces", examples = "0.63")
            double similarity,

            @Schema(examples = "true") boolean samePerson,

            @Schema(description = "the recognition threshold the decision used", examples = "0.45")
            double threshold) {}

    @Schema(description = "Two base64 images (plain base64 or data URLs) to compare")
    public record VerifyRequest(
            @jakarta.validation.constraints.NotBlank String imageA,
            @jakarta.validation.constraints.NotBlank String imageB,

            @Schema(
                    description = "the running session of the teacher asking (optional for admins)",
                    examples = "8d1f6c2a-3b4e-4f5a-9c6d-7e8f9a0b1c2d")
            UUID sessionId,

            @Schema(
                    description = "the claimed user, on that session's roster (optional for admins)",
                    examples = "3f2b8c1e-6d4a-4e9b-a7c5-1b2d3e4f5a6b")
            UUID userId) {}

    @Schema(description = "Enrolment photos as base64 (plain or data URLs)")
    public record EnrolRequest(
            @jakarta.validation.constraints.NotEmpty @jakarta.validation.constraints.Size(max = 10)
            List<@jakarta.validation.constraints.NotBlank String> images) {}

    @Schema(description = "An enrolled face (the vector stays inside the service)")
    public record EnrolledFace(
            @Schema(examples = "9e4c2a7b-1d3f-4b5e-8c6a-0f2e4d6b8a1c")
            UUID faceId,

            @Schema(description = "the embedding model of the stored vector", examples = "mobilefacenet-foamliu")
            String modelId,

            @Schema(examples = "2026-09-01T07:55:00Z") OffsetDateTime createdAt) {}

    @Schema(description = "A user's enrolled faces")
    public record UserFaces(
            @Schema(examples = "3f2b8c1e-6d4a-4e9b-a7c5-1b2d3e4f5a6b")
            UUID userId,

            List<EnrolledFace> faces) {}

    @Schema(description = "Where the board is as seen from a source, and the tolerances for attention")
    public record CalibrationBody(
            @jakarta.validation.constraints.DecimalMin("-90")
            @jakarta.validation.constraints.DecimalMax("90")
            @Schema(description = "head yaw, in degrees, of someone facing the board", examples = "8.0")
            double boardYawDeg,

            @jakarta.validation.constraints.DecimalMin("-90")
            @jakarta.validation.constraints.DecimalMax("90")
            @Schema(description = "head pitch, in degrees, of someone facing the board", examples = "-5.0")
            double boardPitchDeg,

            @jakarta.validation.constraints.DecimalMin("1")
            @jakarta.validation.constraints.DecimalMax("90")
            @Schema(description = "degrees of yaw around the board still counted as attentive", examples = "25.0")
            double yawToleranceDeg,

            @jakarta.validation.constraints.DecimalMin("1")
            @jakarta.validation.constraints.DecimalMax("90")
            @Schema(description = "degrees of pitch around the board still counted as attentive", examples = "20.0")
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
