package io.classroom.vision.pipeline;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One ONNX model with one predictor, run through DJL's ONNX Runtime engine on a single intra-op thread. Not
 * thread-safe: each worker owns its own runner, and throughput scales with the number of workers.
 */
public final class OnnxRunner implements AutoCloseable {

    private final ZooModel<float[], float[]> model;
    private final Predictor<float[], float[]> predictor;

    public OnnxRunner(Path file, long... inputShape) {
        var criteria = Criteria.builder()
                .setTypes(float[].class, float[].class)
                .optModelPath(file)
                .optEngine("OnnxRuntime")
                .optOption("intraOpNumThreads", "1")
                .optOption("interOpNumThreads", "1")
                .optTranslator(new FloatTranslator(new Shape(inputShape)))
                .build();
        try {
            model = criteria.loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("cannot load model " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        predictor = model.newPredictor();
    }

    /** Runs the model on one input tensor (already laid out in the model's shape) and returns its first output. */
    public float[] run(float[] input) {
        try {
            return predictor.predict(input);
        } catch (TranslateException e) {
            throw new IllegalStateException("inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }

    /** Builds the input tensor itself: this engine fails with the stacking batchifier, so none is used. */
    private record FloatTranslator(Shape shape) implements Translator<float[], float[]> {

        @Override
        public NDList processInput(TranslatorContext ctx, float[] input) {
            return new NDList(ctx.getNDManager().create(input, shape));
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            return list.get(0).toFloatArray();
        }

        @Override
        public Batchifier getBatchifier() {
            return null;
        }
    }
}
