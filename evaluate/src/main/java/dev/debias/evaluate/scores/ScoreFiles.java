package dev.debias.evaluate.scores;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the probability field of a predictions file into a {@link ScoreTable}, record by record in the
 * file's order (the order {@code PredictionFiles} reads labels in). A file whose first record lacks the field
 * has no probabilities: the measures are then skipped with the reason, unless the field was named
 * explicitly, which makes it an error.
 */
public final class ScoreFiles {
    private ScoreFiles() {}

    /**
     * What reading gave: a table, or the reason there is none.
     *
     * @param table the probabilities, or null
     * @param skipped why there are none, or null
     */
    public record Reading(ScoreTable table, String skipped) {}

    /**
     * @param predictions the predictions file
     * @param predictionField its prediction field (read as the text, as {@code PredictionFiles} does, so a file
     *     without a text field reads too)
     * @param field the probability field
     * @param explicit whether the user named the field (then a file without it is an error)
     * @param classes the evaluation's classes
     * @param modelLabels the model's labels, or null
     * @param scoreLabel the label a single score is the probability of, or null for the second label
     * @throws InvalidInputException naming the file, line and field of a malformed value, or a file that has the
     *     field in some records but not in others
     */
    public static Reading read(Path predictions, String predictionField, String field, boolean explicit,
            List<String> classes, List<String> modelLabels, String scoreLabel) {
        ScoreTable.Builder b = ScoreTable.builder(field, classes, modelLabels, scoreLabel);
        FieldMapping asRead = new FieldMapping(predictionField, null, List.of(), null);
        try (RecordReader r = CorpusReaders.open(predictions, ReadOptions.defaults().withFields(asRead))) {
            while (r.hasNext()) {
                Record rec = r.next();
                String v = rec.attribute(field).orElse(null);
                if (v == null && b.size() == 0) {
                    if (explicit) {
                        throw new InvalidInputException(rec.provenance().source() + ": no field '" + field + "' (named by "
                                + Setting.PROBABILITY_FIELD + "); fields present: " + rec.attributes().keySet());
                    }
                    return new Reading(null, predictions.getFileName() + " has no field '" + field
                            + "': the threshold-free and calibration measures need predicted probabilities (name the "
                            + "field with " + Setting.PROBABILITY_FIELD + ")");
                }
                add(b, rec.provenance().source(), field, v);
            }
        }
        return new Reading(b.build(), null);
    }

    /**
     * Adds one record's value to {@code b}.
     *
     * @param source the record's {@code file:line}
     * @throws InvalidInputException naming the source and the field when the value is missing or malformed
     */
    public static void add(ScoreTable.Builder b, String source, String field, String value) {
        if (value == null) {
            throw new InvalidInputException(source + ": no field '" + field + "' (" + Setting.PROBABILITY_FIELD
                    + "), which earlier records have; every record needs its probabilities");
        }
        try {
            b.add(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": field '" + field + "': " + e.getMessage());
        }
    }
}
