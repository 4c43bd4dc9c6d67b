package dev.debias.finetune.train;

import ai.djl.ndarray.NDManager;
import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.Precision;
import dev.debias.finetune.model.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fine-tuned model loaded from a run directory, predicting in batches: label probabilities for a
 * classification run, the predicted value for a regression run ({@link #task()}), of single texts or,
 * for a run trained on sentence pairs ({@link #pairField()}), of pairs. Close it when done; not thread-safe.
 *
 * <pre>{@code
 * try (Predictor p = Predictor.load(Path.of("runs/bios"))) {
 *     float[][] probs = p.predict(List.of("She is a surgeon."));
 * }
 * }</pre>
 */
public final class Predictor implements AutoCloseable {
    /** The field {@link #annotate} writes the predicted label to. */
    public static final String PREDICTION = "prediction";
    /** The field {@link #annotate} writes the label probabilities to. */
    public static final String PROBABILITIES = "probabilities";
    private static final int CHUNK = 256;
    private final InferenceSession session;
    private final List<String> labels;
    private final int batchSize;
    private final Task task;
    private String pairField;
    private final String textField;

    private Predictor(InferenceSession session, List<String> labels, int batchSize, Task task, String pairField,
            String textField) {
        this.textField = textField;
        this.session = session;
        this.labels = labels;
        this.batchSize = batchSize;
        this.task = task;
        this.pairField = pairField;
    }

    /**
     * Loads the best weights of a finished run directory.
     *
     * @throws InvalidInputException naming a missing or broken file, or the directory of a run that did not
     *     finish ({@link RunDescription#requireFinished}: its best weights so far are no finished model)
     */
    public static Predictor load(Path runDir) throws IOException {
        return load(runDir, null);
    }

    /**
     * Loads the best weights of a finished run directory to predict in {@code precision} (auto decided for this
     * machine), or, when null, in the precision the run trained in.
     *
     * @throws InvalidInputException as {@link #load(Path)}
     */
    public static Predictor load(Path runDir, Precision precision) throws IOException {
        RunDescription.requireFinished(runDir);
        Path runJson = runDir.resolve(FineTuner.RUN_JSON);
        for (Path f : List.of(runJson, runDir.resolve("config.json"), runDir.resolve(FineTuner.WEIGHTS),
                runDir.resolve("tokenizer.json"))) {
            if (!Files.isRegularFile(f)) {
                throw new InvalidInputException(f + ": missing; is " + runDir + " a finished debias run?");
            }
        }
        RunDescription run = RunDescription.read(runJson);
        List<String> labels = run.labels();
        Hyperparameters h = run.config().hyperparameters();
        BertConfig config = BertConfig.read(runDir.resolve("config.json"));
        NDManager m = InferenceSession.newManager();
        try {
            var weights = SafeTensors.read(runDir.resolve(FineTuner.WEIGHTS));
            // runs made before first-token pooling used the family's sentence head have no pooler
            boolean pooler = weights.get("pooler.dense.weight") != null && config.family().headReads(h.pooling());
            BertClassifier model = new BertClassifier(config, labels.size(), h.pooling(), 0f, pooler);
            model.setPrecision(ComputeDevice.precisionOn(precision == null ? h.precision() : precision, m.getDevice()));
            List<String> fresh = model.load(m, weights, 0);
            if (!fresh.isEmpty()) {
                throw new InvalidInputException(runDir.resolve(FineTuner.WEIGHTS) + ": lacks " + fresh);
            }
            TextEncoder enc = new TextEncoder(Files.readAllBytes(runDir.resolve("tokenizer.json")),
                    Math.min(h.maxLength(), config.maxLength()));
            return new Predictor(new InferenceSession(m, model, enc), labels, Math.max(8, h.batchSize() * 2),
                    run.config().task(), run.config().pairField(), run.config().fields().textField());
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * The labels, in the order of the probability columns; for a regression run the one output, named after
     * the label field.
     */
    public List<String> labels() {
        return labels;
    }

    /** The field the run read its (first) texts from in training. */
    public String textField() {
        return textField;
    }

    /** What the run predicts: classes or a number. */
    public Task task() {
        return task;
    }

    /** The field {@link #annotateAll} reads the second text from: the run's own, or null for single texts. */
    public String pairField() {
        return pairField;
    }

    /**
     * Reads the second text of a pair run from {@code field} instead of the field it was trained on (a
     * corpus that names it otherwise).
     *
     * @throws IllegalStateException for a run trained on single texts
     */
    public void usePairField(String field) {
        if (pairField == null) {
            throw new IllegalStateException("this run was trained on single texts; it has no pair field to rename");
        }
        this.pairField = java.util.Objects.requireNonNull(field, "field");
    }

    /** The model, for interventions (projection, head and neuron masks). */
    public BertClassifier model() {
        return session.model();
    }

    /** Texts truncated so far. */
    public long truncated() {
        return session.truncated();
    }

    /**
     * For each text one row: label probabilities, or for regression the one predicted value.
     *
     * @throws IllegalStateException for a run trained on sentence pairs: it needs {@link #predictPairs}
     */
    public float[][] predict(List<String> texts) {
        if (pairField != null) {
            throw new IllegalStateException("this run was trained on sentence pairs (second text from '" + pairField
                    + "'); predict pairs, not single texts");
        }
        return session.rows(texts, batchSize, task == Task.CLASSIFICATION);
    }

    /**
     * For each pair ({@code first[i]}, {@code second[i]}) one row, as {@link #predict}. A run trained on
     * single texts may be given pairs too; it then sees them through the tokenizer's pair template.
     */
    public float[][] predictPairs(List<String> first, List<String> second) {
        return session.rowsOf(session.pairExamples(first, second), batchSize, task == Task.CLASSIFICATION);
    }

    /**
     * The record with its prediction added: for classification {@code prediction} (the most probable label)
     * and {@code probabilities} ({@code label=probability} pairs, {@code ;}-separated, six decimals); for
     * regression {@code prediction} only, the value with six decimals.
     */
    public Record annotate(Record record, float[] probs) {
        if (task == Task.REGRESSION) {
            return record.withAttribute(PREDICTION, String.format(java.util.Locale.ROOT, "%.6f", probs[0]));
        }
        int best = 0;
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < probs.length; c++) {
            if (probs[c] > probs[best]) {
                best = c;
            }
            sb.append(c == 0 ? "" : ";").append(labels.get(c)).append('=')
                    .append(String.format(java.util.Locale.ROOT, "%.6f", probs[c]));
        }
        return record.withAttribute(PREDICTION, labels.get(best)).withAttribute(PROBABILITIES, sb.toString());
    }

    /** Receives annotated records; may fail with an {@link IOException} (a writer). */
    @FunctionalInterface
    public interface RecordSink {
        void accept(Record record) throws IOException;
    }

    /**
     * Predicts every record of {@code reader} in chunks of {@value #CHUNK} and hands each, annotated
     * ({@link #annotate}), to {@code sink} in input order, reporting progress in bytes read. A pair run
     * reads each record's second text from its {@link #pairField()}. Returns the number of records.
     *
     * @throws InvalidInputException for a pair run, naming a record without (or with an empty) second text
     */
    public long annotateAll(RecordReader reader, RecordSink sink, ProgressListener progress) throws IOException {
        progress.start("predicting " + reader.source().getFileName(), reader.bytesTotal(), "bytes");
        long n = 0;
        long last = 0;
        List<Record> chunk = new ArrayList<>(CHUNK);
        while (reader.hasNext() || !chunk.isEmpty()) {
            if (reader.hasNext() && chunk.size() < CHUNK) {
                chunk.add(reader.next());
                continue;
            }
            float[][] probs = pairField == null ? predict(chunk.stream().map(Record::text).toList())
                    : predictPairs(chunk.stream().map(Record::text).toList(), chunk.stream()
                            .map(r -> TrainingDataLoader.second(r, pairField, reader.source())).toList());
            for (int i = 0; i < chunk.size(); i++) {
                sink.accept(annotate(chunk.get(i), probs[i]));
                n++;
            }
            chunk.clear();
            progress.advance(reader.bytesRead() - last);
            last = reader.bytesRead();
        }
        progress.finish();
        return n;
    }

    @Override
    public void close() {
        session.close();
    }
}
