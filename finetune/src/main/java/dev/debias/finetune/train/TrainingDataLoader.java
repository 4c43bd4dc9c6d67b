package dev.debias.finetune.train;

import dev.debias.core.InvalidInputException;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.ReadReport;
import dev.debias.corpus.Record;
import dev.debias.corpus.SkippedRecord;
import dev.debias.corpus.RecordReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads the training and evaluation corpora of a run into encoded {@link Example}s: single texts or
 * sentence pairs (the pair field's text second), the label vocabulary from the training labels (for
 * regression the one output, named after the label field, and each label parsed as the target), per-record
 * weights from the weight field, class-balancing factors, truncation counted. Every record that cannot
 * train is refused, naming the file and the record.
 */
final class TrainingDataLoader {
    private TrainingDataLoader() {}

    /**
     * Loads {@code data}'s corpora, tokenizing with {@code tokenizerJson} to at most {@code maxLength} word pieces.
     *
     * @throws InvalidInputException for an empty text or second text, an evaluation label the training data
     *     lacks, a regression label that is no finite number, a missing or invalid weight, or fewer than two
     *     training labels of a classification run
     */
    static TrainingData load(DataOptions data, boolean classBalanced, byte[] tokenizerJson, int maxLength)
            throws IOException {
        List<Example> train;
        List<Example> eval;
        List<String> labels;
        long truncatedTrain;
        long truncatedEval;
        ReadReport[] trainRead = new ReadReport[1];
        ReadReport[] evalRead = new ReadReport[1];
        try (TextEncoder enc = new TextEncoder(tokenizerJson, maxLength)) {
            List<Record> trainRecords = read(data.train(), data, trainRead);
            labels = data.task() == Task.REGRESSION ? List.of(data.fields().labelField()) : labels(trainRecords);
            train = examples(trainRecords, labels, enc, data.train(), data, data.weightField(), trainRead[0]);
            truncatedTrain = enc.truncated();
            eval = examples(read(data.eval(), data, evalRead), labels, enc, data.eval(), data, null, evalRead[0]);
            truncatedEval = enc.truncated() - truncatedTrain;
        }
        if (data.task() == Task.CLASSIFICATION && labels.size() < 2) {
            throw new InvalidInputException(data.train() + ": the labels " + labels + " are fewer than two classes");
        }
        if (classBalanced) {
            train = balance(train, labels.size());
        }
        return new TrainingData(train, eval, labels, truncatedTrain, truncatedEval, trainRead[0], evalRead[0]);
    }

    /** The records of {@code file}; what reading skipped (with {@link DataOptions#skipInvalid()}) goes to {@code report[0]}. */
    private static List<Record> read(Path file, DataOptions data, ReadReport[] report) {
        List<Record> out = new ArrayList<>();
        ReadOptions ro = ReadOptions.defaults().withFields(data.fields()).withSkipInvalid(data.skipInvalid());
        try (RecordReader r = CorpusReaders.open(file, ro)) {
            while (r.hasNext()) {
                out.add(r.next());
            }
            report[0] = r.report();
        }
        return out;
    }

    /** The distinct labels, sorted. */
    static List<String> labels(List<Record> records) {
        TreeSet<String> s = new TreeSet<>();
        records.forEach(r -> s.add(r.label()));
        return List.copyOf(s);
    }

    /**
     * The records encoded; {@code weightField} (null for none) gives each record's weight, else 1. A record
     * found invalid here stops the run, or, with {@link DataOptions#skipInvalid()}, is left out and counted in
     * {@code report} among the skipped records.
     */
    private static List<Example> examples(List<Record> records, List<String> labels, TextEncoder enc, Path file,
            DataOptions data, String weightField, ReadReport report) {
        List<Example> out = new ArrayList<>(records.size());
        for (Record r : records) {
            try {
                out.add(example(r, labels, enc, file, data, weightField));
            } catch (InvalidInputException e) {
                if (!data.skipInvalid()) {
                    throw e;
                }
                report.rejected(new SkippedRecord(file.toString(), 0,
                        e.getMessage().substring(Math.min(e.getMessage().length(), file.toString().length() + 2))));
            }
        }
        return out;
    }

    private static Example example(Record r, List<String> labels, TextEncoder enc, Path file, DataOptions data,
            String weightField) {
        boolean regression = data.task() == Task.REGRESSION;
        if (r.text().isBlank()) {
            throw new InvalidInputException(file + ": record " + r.id() + " has an empty text");
        }
        String second = data.pairField() == null ? null : second(r, data.pairField(), file);
        int label = regression ? -1 : labels.indexOf(r.label());
        if (label < 0 && !regression) {
            throw new InvalidInputException(file + ": record " + r.id() + " has the label '" + r.label()
                    + "', which the training data does not have (labels: " + labels + ")");
        }
        float target = regression ? target(r, data.fields().labelField(), file) : Float.NaN;
        float weight = weightField == null ? 1f : weight(r, weightField, file);
        long[][] encoded = second == null ? enc.encode(r.text()) : enc.encode(r.text(), second);
        return new Example(r.id(), encoded[0], encoded[1], label, weight, target);
    }

    /** The record's second text. */
    static String second(Record r, String pairField, Path file) {
        String v = r.attribute(pairField).orElse(null);
        if (v == null) {
            throw new InvalidInputException(file + ": record " + r.id() + " has no pair field '" + pairField + "'");
        }
        if (v.isBlank()) {
            throw new InvalidInputException(file + ": record " + r.id() + " has an empty pair field '" + pairField + "'");
        }
        return v;
    }

    private static float target(Record r, String labelField, Path file) {
        float v;
        try {
            v = Float.parseFloat(r.label().trim());
        } catch (NumberFormatException e) {
            v = Float.NaN;
        }
        if (!Float.isFinite(v)) {
            throw new InvalidInputException(file + ": record " + r.id() + " has the " + labelField + " '" + r.label()
                    + "'; a regression label is a finite number");
        }
        return v;
    }

    private static float weight(Record r, String weightField, Path file) {
        String v = r.attribute(weightField).orElse(null);
        if (v == null) {
            throw new InvalidInputException(file + ": record " + r.id() + " has no weight field '" + weightField + "'");
        }
        float weight;
        try {
            weight = Float.parseFloat(v);
        } catch (NumberFormatException e) {
            weight = Float.NaN;
        }
        if (!Float.isFinite(weight) || weight < 0) {
            throw new InvalidInputException(file + ": record " + r.id() + " has the weight '" + v
                    + "'; weights are finite numbers >= 0");
        }
        return weight;
    }

    /** Multiplies each example's weight by N / (classes x its class count). */
    static List<Example> balance(List<Example> train, int labels) {
        long[] counts = new long[labels];
        train.forEach(e -> counts[e.label()]++);
        List<Example> out = new ArrayList<>(train.size());
        for (Example e : train) {
            float f = (float) train.size() / (labels * (float) counts[e.label()]);
            out.add(new Example(e.id(), e.ids(), e.types(), e.label(), e.weight() * f, e.target()));
        }
        return out;
    }
}
