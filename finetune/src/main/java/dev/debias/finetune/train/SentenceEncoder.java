package dev.debias.finetune.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.core.InvalidInputException;
import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A pre-trained or fine-tuned BERT encoder that turns texts into pooled sentence vectors (one
 * {@code hidden}-wide row per text, in input order), for intrinsic bias tests such as SEAT. The
 * vectors do not depend on which other texts share a batch (padding is masked). Close it when done;
 * not thread-safe.
 *
 * <pre>{@code
 * try (SentenceEncoder e = SentenceEncoder.load("builtin:minilm")) {
 *     float[][] v = e.embed(List.of("He is a doctor.", "She is a doctor."));
 * }
 * }</pre>
 */
public final class SentenceEncoder implements AutoCloseable {
    /** Texts per forward pass. */
    public static final int BATCH_SIZE = 32;
    /** The maximum length in word pieces when the model does not say (capped by the position table). */
    public static final int DEFAULT_MAX_LENGTH = 128;

    private final String source;
    private final NDManager manager;
    private final BertClassifier model;
    private final TextEncoder encoder;
    private final ParameterStore store;
    private final Set<NDArray> keep = Collections.newSetFromMap(new IdentityHashMap<>());

    private SentenceEncoder(String source, NDManager manager, BertClassifier model, TextEncoder encoder) {
        this.source = source;
        this.manager = manager;
        this.model = model;
        this.encoder = encoder;
        this.store = new ParameterStore(manager, false);
        for (String name : model.parameterNames()) {
            keep.add(model.parameter(name).getArray());
        }
    }

    /**
     * Loads the encoder named by {@code spec} (anything {@link PretrainedModel#load} accepts). A debias
     * run directory (one with {@code run.json}) keeps the pooling and maximum length it was trained
     * with; any other model gets mean pooling and at most {@value #DEFAULT_MAX_LENGTH} word pieces.
     *
     * @throws InvalidInputException naming a missing or broken file
     */
    public static SentenceEncoder load(String spec) throws IOException {
        PretrainedModel pre = PretrainedModel.load(spec);
        Pooling pooling = Pooling.MEAN;
        int maxLength = DEFAULT_MAX_LENGTH;
        Path runJson = spec.equals(PretrainedModel.MINILM) ? null : Path.of(spec).resolve(FineTuner.RUN_JSON);
        if (runJson != null && Files.isDirectory(Path.of(spec)) && Files.isRegularFile(runJson)) {
            JsonNode config;
            try {
                config = new ObjectMapper().readTree(runJson.toFile()).path("config");
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new InvalidInputException(runJson + ": not valid JSON (" + e.getOriginalMessage() + ")");
            }
            if (!config.path("pooling").isTextual() || !config.path("max_length").isTextual()) {
                throw new InvalidInputException(runJson + ": expected config.pooling and config.max_length; "
                        + "is " + spec + " a finished debias run?");
            }
            try {
                pooling = Pooling.parse(config.get("pooling").asText());
                maxLength = Integer.parseInt(config.get("max_length").asText());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(runJson + ": " + e.getMessage());
            }
        }
        return of(pre, pooling, Math.min(maxLength, pre.config().maxPositions()));
    }

    /**
     * An encoder over {@code model} with the given pooling and maximum length in word pieces (texts
     * longer than that are truncated and counted).
     *
     * @throws IllegalArgumentException when {@code maxLength} is not in {@code [2, maxPositions]}
     * @throws InvalidInputException when the weights lack an encoder tensor
     */
    public static SentenceEncoder of(PretrainedModel model, Pooling pooling, int maxLength) throws IOException {
        if (maxLength < 2 || maxLength > model.config().maxPositions()) {
            throw new IllegalArgumentException("max length " + maxLength + " must be in [2, "
                    + model.config().maxPositions() + "] (the model's position table)");
        }
        NDManager m = NDManager.newBaseManager(Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu());
        TextEncoder enc = null;
        try {
            BertClassifier block = new BertClassifier(model.config(), 0, pooling, 0f);
            List<String> fresh = block.load(m, model.weights(), 0);
            if (!fresh.isEmpty()) {
                throw new InvalidInputException(model.source() + ": the weights lack " + fresh);
            }
            enc = new TextEncoder(model.tokenizerJson(), maxLength);
            return new SentenceEncoder(model.source(), m, block, enc);
        } catch (IOException | RuntimeException e) {
            if (enc != null) {
                enc.close();
            }
            m.close();
            throw e;
        }
    }

    /** The pooled vector of each text, in input order; batches of {@value #BATCH_SIZE}. */
    public float[][] embed(List<String> texts) {
        List<Example> examples = new ArrayList<>(texts.size());
        for (String t : texts) {
            long[][] e = encoder.encode(t);
            examples.add(new Example("", e[0], e[1], -1, 1f));
        }
        int h = dimension();
        float[][] out = new float[texts.size()][];
        int k = 0;
        for (List<Example> batch : Batches.inOrder(examples, BATCH_SIZE)) {
            try (NDManager s = manager.newSubManager()) {
                float[] p = model.forward(store, Batches.inputs(s, batch), false).get(0).toFloatArray();
                for (int i = 0; i < batch.size(); i++) {
                    out[k++] = Arrays.copyOfRange(p, i * h, (i + 1) * h);
                }
            }
            FineTuner.cleanUp(manager, keep);
        }
        return out;
    }

    /** The width of the vectors (the model's hidden size). */
    public int dimension() {
        return model.config().hiddenSize();
    }

    /** Where the model came from ({@code builtin:minilm}, a directory, an .onnx file). */
    public String source() {
        return source;
    }

    /** The model, for interventions ({@link BertClassifier#setProjection}, head and neuron masks). */
    public BertClassifier model() {
        return model;
    }

    /** The pooling. */
    public Pooling pooling() {
        return model.pooling();
    }

    /** Texts truncated so far. */
    public long truncated() {
        return encoder.truncated();
    }

    @Override
    public void close() {
        encoder.close();
        manager.close();
    }
}
