package dev.debias.evaluate;

import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.core.Setting;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.ReadReport;
import dev.debias.corpus.RecordReader;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.SkippedRecord;
import dev.debias.corpus.WriteOptions;
import dev.debias.evaluate.group.PredictionColumns;
import dev.debias.evaluate.group.PredictionSet;
import dev.debias.finetune.train.Predictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading the input corpus of an evaluation: predicting it with the model (keeping labels and groups), and
 * saying in a warning what a reader skipped, so no skipped record goes unmentioned.
 */
final class InputPredictions {
    /** How many skipped records a warning quotes. */
    static final int QUOTED = 3;

    private InputPredictions() {}

    /**
     * Predicts {@code input} with {@code p}, reading {@code c}'s fields (skipping invalid records when
     * {@code skipInvalid}), adding each record's class probabilities to {@code probabilities}; writes the
     * annotated records to {@code predictionsOut} when it is not null.
     */
    static PredictionSet predict(Path input, PredictionColumns c, boolean skipInvalid, Predictor p, List<String> classOrder,
            List<String> probabilities, Path predictionsOut, ProgressListener progress, List<String> warnings)
            throws IOException {
        List<String> labels = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        c.groupFields().forEach(g -> groups.put(g, new ArrayList<>()));
        FieldMapping fields = new FieldMapping(c.textField(), c.labelField(), c.groupFields(), c.idField());
        try (RecordReader reader = CorpusReaders.open(input, ReadOptions.defaults().withFields(fields)
                        .withSkipInvalid(skipInvalid));
                RecordWriter writer = predictionsOut == null ? null : CorpusWriters.open(predictionsOut,
                        WriteOptions.defaults().withFieldNamesOf(fields))) {
            p.annotateAll(reader, r -> {
                labels.add(r.label());
                predicted.add(r.attribute(Predictor.PREDICTION).orElseThrow());
                probabilities.add(r.attribute(Predictor.PROBABILITIES).orElseThrow());
                for (String g : c.groupFields()) {
                    groups.get(g).add(r.attribute(g).orElse(""));
                }
                if (writer != null) {
                    writer.write(r);
                }
            }, progress);
            warnSkipped(reader, warnings);
            PredictionSet set;
            try {
                set = PredictionSet.of(labels, predicted, groups, classOrder);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(input + ": " + e.getMessage());
            }
            if (writer != null) {
                writer.commit();        // only for an evaluation that can go on
            }
            return set;
        }
    }

    /**
     * Adds a warning counting the records {@code reader} skipped, quoting the first {@value #QUOTED} with their
     * reasons; adds nothing when it skipped none. The count is of every skipped record.
     */
    static void warnSkipped(RecordReader reader, List<String> warnings) {
        ReadReport report = reader.report();
        if (report.skipped() == 0) {
            return;
        }
        List<String> first = report.skippedRecords().stream().limit(QUOTED).map(SkippedRecord::toString).toList();
        warnings.add(report.skipped() + " invalid record(s) of " + (report.skipped() + report.records()) + " in "
                + reader.source() + " were skipped (" + Setting.SKIP_INVALID + "); the first: " + String.join("; ", first));
    }
}
