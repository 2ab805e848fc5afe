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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ONNX model with one predictor, run through DJL's ONNX Runtime engine on a single intra-op thread. Not
 * thread-safe: each worker owns its own runner, and throughput scales with the number of workers.
 */
public final class OnnxRunner implements AutoCloseable {

    /** An input tensor: its values, laid out in {@code shape}. */
    private record Tensor(float[] values, long[] shape) {}

    private final ZooModel<Tensor, Map<String, float[]>> model;
    private final Predictor<Tensor, Map<String, float[]>> predictor;
    private final long[] inputShape;

    /** A model whose input always has {@code inputShape}; a model with a dynamic input shape takes none. */
    @SuppressWarnings("unchecked")
    public OnnxRunner(Path file, long... inputShape) {
        this.inputShape = inputShape;
        var criteria = Criteria.builder()
                .setTypes(Tensor.class, (Class<Map<String, float[]>>) (Class<?>) Map.class)
                .optModelPath(file)
                .optEngine("OnnxRuntime")
                .optOption("intraOpNumThreads", "1")
                .optOption("interOpNumThreads", "1")
                .optTranslator(new TensorTranslator())
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
        return run(input, inputShape).values().iterator().next();
    }

    /** Runs the model on one input tensor of {@code shape} and returns every output by name, in the model's order. */
    public Map<String, float[]> run(float[] input, long... shape) {
        try {
            return predictor.predict(new Tensor(input, shape));
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
    private static final class TensorTranslator implements Translator<Tensor, Map<String, float[]>> {

        @Override
        public NDList processInput(TranslatorContext ctx, Tensor input) {
            return new NDList(ctx.getNDManager().create(input.values(), new Shape(input.shape())));
        }

        @Override
        public Map<String, float[]> processOutput(TranslatorContext ctx, NDList list) {
            var outputs = new LinkedHashMap<String, float[]>();
            for (int i = 0; i < list.size(); i++) {
                var array = list.get(i);
                outputs.put(array.getName() == null ? String.valueOf(i) : array.getName(), array.toFloatArray());
            }
            return outputs;
        }

        @Override
        public Batchifier getBatchifier() {
            return null;
        }
    }
}
