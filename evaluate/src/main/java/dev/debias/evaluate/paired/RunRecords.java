package dev.debias.evaluate.paired;

import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.evaluate.group.GroupFairnessResult;
import dev.debias.evaluate.group.PredictionColumns;
import dev.debias.evaluate.group.PredictionFiles;
import dev.debias.evaluate.group.PredictionSet;
import dev.debias.evaluate.group.ResampledMeasures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One run's predictions on its test records, ready for a paired resample: the records' ids in order and the
 * run's {@link ResampledMeasures} for one grouping, set up like the run's evaluation (its positive label and
 * gap groups). Immutable.
 *
 * @param name the run's name
 * @param ids the test records' ids, in the order of the predictions
 * @param measures the run's measures on any resample of its records
 */
public record RunRecords(String name, List<String> ids, ResampledMeasures measures) {
    public RunRecords {
        Objects.requireNonNull(name, "name");
        ids = List.copyOf(ids);
        if (ids.size() != measures.size()) {
            throw new IllegalArgumentException(name + ": " + ids.size() + " ids for " + measures.size() + " predictions");
        }
    }

    /**
     * Reads a predictions file (every field in it, as {@code debias evaluate} and the recipes write it).
     *
     * @param settings the evaluation's result for {@code groupField}, whose positive label and gap groups the
     *     measures follow
     * @throws dev.debias.core.InvalidInputException naming the file and field when one is missing
     */
    public static RunRecords read(String name, Path predictions, PredictionColumns columns, String groupField,
            GroupFairnessResult settings) {
        PredictionSet set = PredictionFiles.read(predictions, null, columns, settings.classes());
        List<String> ids = new ArrayList<>();
        String idField = columns.idField();
        try (RecordReader r = CorpusReaders.open(predictions, ReadOptions.defaults().withFields(
                new FieldMapping(columns.predictionField(), null, List.of(), idField)))) {
            long i = 0;
            while (r.hasNext()) {
                Record x = r.next();
                i++;
                ids.add(idField == null || x.id() == null ? "#" + i : x.id());
            }
        }
        return of(name, ids, set, groupField, settings);
    }

    /** From predictions in memory; see {@link #read}. */
    public static RunRecords of(String name, List<String> ids, PredictionSet set, String groupField,
            GroupFairnessResult settings) {
        ResampledMeasures.Builder b = ResampledMeasures.builder().setPredictions(set).setGrouping(set.grouping(groupField));
        if (settings != null) {
            b.optSettingsOf(settings);
        }
        return new RunRecords(name, ids, b.build());
    }

    /**
     * Why {@code runs} do not share their test records (different counts, or the first record whose id differs,
     * named), or null when they all hold the same ids in the same order.
     */
    public static String notShared(List<RunRecords> runs) {
        return notShared(runs.stream().map(RunRecords::name).toList(), runs.stream().map(RunRecords::ids).toList());
    }

    /** {@link #notShared} over runs given by name and ids, for any kind of per-record file. */
    static String notShared(List<String> names, List<List<String>> ids) {
        if (names.isEmpty()) {
            return "no runs";
        }
        List<String> first = ids.get(0);
        for (int k = 0; k < names.size(); k++) {
            List<String> r = ids.get(k);
            if (r.size() != first.size()) {
                return String.format(java.util.Locale.ROOT, "%s has %d test records, %s %d", names.get(0),
                        first.size(), names.get(k), r.size());
            }
            for (int i = 0; i < r.size(); i++) {
                if (!r.get(i).equals(first.get(i))) {
                    return String.format(java.util.Locale.ROOT, "test record %d is '%s' in %s but '%s' in %s", i + 1,
                            first.get(i), names.get(0), r.get(i), names.get(k));
                }
            }
        }
        return null;
    }
}
