package io.classroom.vision.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** The model files this service runs, each pinned by SHA-256 (the same pins as deploy/assets and MODELS.md). */
public enum ModelFile {
    /** YuNet 2023mar with a dynamic input size (the same weights as OpenCV Zoo's 640x640 export), for ONNX Runtime. */
    YUNET("yunet_s_dynamic.onnx", "yunet-2023mar", "daede24002cc8590f457998cc5e6c9e8b82f45f6bd969506a8913cd4ed10a2d3"),
    FSANET_1X1(
            "fsanet-1x1-iter-688590.onnx",
            "fsanet-688590",
            "d85e90cb4b9d3a87e81bbfdcfcd130cbe0e175407042e439a570aa396c44eda6"),
    FSANET_VAR(
            "fsanet-var-iter-688590.onnx",
            "fsanet-688590",
            "2877b1db98e3dc66468e90df8db4a21059facd1c3f107af91c6d4fe6476a03e1"),
    MOBILEFACENET(
            "mobilefacenet_foamliu.onnx",
            "mobilefacenet-foamliu",
            "b7120c095d60094f28a4a54ba6a8bf51b297a6273fb40ef6350dfec1f63d9507");

    private final String fileName;
    private final String modelId;
    private final String sha256;

    ModelFile(String fileName, String modelId, String sha256) {
        this.fileName = fileName;
        this.modelId = modelId;
        this.sha256 = sha256;
    }

    public String fileName() {
        return fileName;
    }

    /** Identifier reported in events and stored with every embedding. */
    public String modelId() {
        return modelId;
    }

    /**
     * The models behind every analysis, by role ({@code detector}, {@code pose}, {@code embedder}), as reported in
     * analysis responses and {@code FrameAnalyzed} events.
     */
    public static final Map<String, String> ANALYSIS_MODELS =
            Map.of("detector", YUNET.modelId, "pose", FSANET_1X1.modelId, "embedder", MOBILEFACENET.modelId);

    public Path in(Path modelsDir) {
        return modelsDir.resolve(fileName);
    }

    /**
     * Checks that every model file exists under {@code modelsDir} with its pinned hash.
     *
     * @throws IllegalStateException naming the missing or corrupt file and where it was expected
     */
    public static void verifyAll(Path modelsDir) {
        for (var model : values()) {
            var path = model.in(modelsDir);
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("vision model missing: " + path.toAbsolutePath()
                        + " (fetch the assets with deploy/assets/fetch or set vision.models-dir / VISION_MODELS_DIR)");
            }
            var actual = sha256(path);
            if (!actual.equals(model.sha256)) {
                throw new IllegalStateException("vision model corrupt: " + path.toAbsolutePath() + " has SHA-256 "
                        + actual + ", expected " + model.sha256);
            }
        }
    }

    static String sha256(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            var digest = MessageDigest.getInstance("SHA-256");
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new IllegalStateException("vision model unreadable: " + path.toAbsolutePath(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
