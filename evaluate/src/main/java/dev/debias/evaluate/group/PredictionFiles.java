package dev.debias.evaluate.group;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.corpus.CorpusFormatException;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a predictions file (from {@code debias predict} or any other tool) into a {@link PredictionSet}.
 * Fields missing from the predictions file (a tool that writes only ids and predictions) are taken
 * from the input corpus, record by record in order; the two must then hold the same records.
 */
public final class PredictionFiles {
    private PredictionFiles() {}

    /**
     * @param predictions the predictions file (format from its extension)
     * @param input the input corpus the predictions were made on, or null when the predictions file has every field
     * @param columns the field names
     * @param classOrder the model's labels in order, or null to use the sorted labels found
     * @throws InvalidInputException naming the file, line and field when a field is missing or empty, when
     *     the two files hold different numbers of records or different ids, or when a label is outside {@code classOrder}
     */
    public static PredictionSet read(Path predictions, Path input, PredictionColumns columns, List<String> classOrder) {
        List<String> labels = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        columns.groupFields().forEach(g -> groups.put(g, new ArrayList<>()));
        // the prediction field stands in as the "text" so files without a text field read too
        FieldMapping asRead = new FieldMapping(columns.predictionField(), null, List.of(), null);
        try (RecordReader p = CorpusReaders.open(predictions, ReadOptions.defaults().withFields(asRead));
                RecordReader in = input == null ? null : CorpusReaders.open(input, ReadOptions.defaults()
                        .withFields(new FieldMapping(columns.textField(), null, List.of(), null)))) {
            long n = 0;
            while (hasNext(p, columns)) {
                Record r = p.next();
                n++;
                Record other = null;
                if (in != null) {
                    if (!in.hasNext()) {
                        throw mismatch(predictions, input, count(p) + n, n - 1);
                    }
                    other = in.next();
                    if (columns.idField() != null) {
                        String a = field(r, other, columns.idField(), Setting.ID_FIELD, columns);
                        String b = field(other, null, columns.idField(), Setting.ID_FIELD, columns);
                        if (!a.equals(b)) {
                            throw new InvalidInputException(String.format(
                                    "record %d: id '%s' in %s (%s) but '%s' in %s (%s); the predictions must be in the "
                                            + "input's order", n, a, predictions.getFileName(), r.provenance().source(), b,
                                    input.getFileName(), other.provenance().source()));
                        }
                    }
                }
                String pred = r.text();
                if (pred.isBlank()) {
                    throw new InvalidInputException(r.provenance().source() + ": the prediction field '"
                            + columns.predictionField() + "' is empty");
                }
                predicted.add(pred.strip());
                String label = field(r, other, columns.labelField(), Setting.LABEL_FIELD, columns);
                if (label.isBlank()) {
                    throw new InvalidInputException(r.provenance().source() + ": the label field '" + columns.labelField()
                            + "' is empty");
                }
                labels.add(label.strip());
                for (String g : columns.groupFields()) {
                    groups.get(g).add(field(r, other, g, Setting.GROUP_FIELD, columns));
                }
            }
            if (in != null && in.hasNext()) {
                long extra = count(in);
                throw mismatch(predictions, input, n, n + extra);
            }
        }
        try {
            return PredictionSet.of(labels, predicted, groups, classOrder);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(predictions + ": " + e.getMessage());
        }
    }

    private static boolean hasNext(RecordReader p, PredictionColumns columns) {
        try {
            return p.hasNext();
        } catch (CorpusFormatException e) {
            String missing = "no field '" + columns.predictionField() + "'";
            if (e.reason().startsWith(missing)) {
                throw new InvalidInputException(e.getMessage().replace("name the text field with " + Setting.TEXT_FIELD,
                        "name the prediction field with " + Setting.PREDICTION_FIELD));
            }
            throw e;
        }
    }

    private static String field(Record r, Record other, String name, Setting setting, PredictionColumns columns) {
        String v = r.attribute(name).orElse(null);
        if (v == null && other != null) {
            v = name.equals(columns.textField()) ? other.text() : other.attribute(name).orElse(null);
        }
        if (v == null) {
            throw new InvalidInputException(r.provenance().source() + ": no field '" + name + "' (named by " + setting
                    + "); fields present: " + present(r, columns)
                    + (other == null ? "" : " and in the input: " + other.attributes().keySet()));
        }
        return v;
    }

    private static java.util.Set<String> present(Record r, PredictionColumns columns) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(r.attributes().keySet());
        names.add(columns.predictionField());
        return names;
    }

    private static long count(RecordReader r) {
        long n = 0;
        while (r.hasNext()) {
            r.next();
            n++;
        }
        return n;
    }

    private static InvalidInputException mismatch(Path predictions, Path input, long predictionCount,
            long inputCount) {
        return new InvalidInputException(String.format(
                "%s holds %d records but %s holds %d; the predictions must be for exactly the input's records, in order",
                predictions, predictionCount, input, inputCount));
    }
}
