package dev.debias.finetune.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.core.InvalidInputException;
import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
    private final InferenceSession session;

    private SentenceEncoder(String source, InferenceSession session) {
        this.source = source;
        this.session = session;
    }

    /**
     * Loads the encoder named by {@code spec} (anything {@link PretrainedModel#load} accepts). A debias
     * run directory (one with {@code run.json}) keeps the pooling and maximum length it was trained
     * with; an upstream model directory keeps the pooling its intervention was made for; any other model
     * gets mean pooling; all but run directories get at most {@value #DEFAULT_MAX_LENGTH} word pieces.
     *
     * @throws InvalidInputException naming a missing or broken file, or a run directory whose run did not
     *     finish ({@link RunDescription#requireFinished})
     */
    public static SentenceEncoder load(String spec) throws IOException {
        Path runJson = spec.equals(PretrainedModel.MINILM) ? null : Path.of(spec).resolve(FineTuner.RUN_JSON);
        boolean isRun = runJson != null && Files.isDirectory(Path.of(spec)) && Files.isRegularFile(runJson);
        if (isRun) {
            RunDescription.requireFinished(Path.of(spec));
        }
        PretrainedModel pre = PretrainedModel.load(spec);
        Pooling pooling = pre.pooling() == null ? Pooling.MEAN : pre.pooling();
        int maxLength = DEFAULT_MAX_LENGTH;
        if (isRun) {
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
        return of(pre, pooling, Math.min(maxLength, pre.config().maxLength()));
    }

    /**
     * An encoder over {@code model} with the given pooling and maximum length in word pieces (texts
     * longer than that are truncated and counted).
     *
     * @throws IllegalArgumentException when {@code maxLength} is not in {@code [2, maxPositions]}
     * @throws InvalidInputException when the weights lack an encoder tensor
     */
    public static SentenceEncoder of(PretrainedModel model, Pooling pooling, int maxLength) throws IOException {
        if (maxLength < 2 || maxLength > model.config().maxLength()) {
            throw new IllegalArgumentException("max length " + maxLength + " must be in [2, "
                    + model.config().maxLength() + "] (the model's position table)");
        }
        NDManager m = InferenceSession.newManager();
        TextEncoder enc = null;
        try {
            BertClassifier block = new BertClassifier(model.config(), 0, pooling, 0f);
            List<String> fresh = block.load(m, model.weights(), 0);
            if (!fresh.isEmpty()) {
                throw new InvalidInputException(model.source() + ": the weights lack " + fresh);
            }
            enc = new TextEncoder(model.tokenizerJson(), maxLength);
            return new SentenceEncoder(model.source(), new InferenceSession(m, block, enc));
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
        return session.rows(texts, BATCH_SIZE, false);
    }

    /** The width of the vectors (the model's hidden size). */
    public int dimension() {
        return session.model().config().hiddenSize();
    }

    /** Where the model came from ({@code builtin:minilm}, a directory, an .onnx file). */
    public String source() {
        return source;
    }

    /** The model, for interventions ({@link BertClassifier#setProjection}, head and neuron masks). */
    public BertClassifier model() {
        return session.model();
    }

    /** The pooling. */
    public Pooling pooling() {
        return session.model().pooling();
    }

    /** Texts truncated so far. */
    public long truncated() {
        return session.truncated();
    }

    public InferenceSession session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
    }
}
