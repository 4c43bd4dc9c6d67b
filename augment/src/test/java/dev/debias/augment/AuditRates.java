package dev.debias.augment;

import dev.debias.audit.Axis;
import dev.debias.audit.count.CountTable;
import dev.debias.audit.count.Feature;
import dev.debias.audit.count.IndexCounter;
import dev.debias.audit.count.Scope;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.CorpusIndexer;
import dev.debias.corpus.GroupValueMap;
import dev.debias.corpus.ReadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A corpus' group rates as the audit module counts them: per label (sorted), the share of each group
 * among the label's documents that hold exactly one group, null for a label without any. Groups are
 * detected with the axis lexicon, or read from a group field whose values stand for the groups by a
 * {@link GroupValueMap} ({@code African-American} for {@code black}) or by name in any style
 * ({@code female}, {@code Female}, {@code F}).
 */
final class AuditRates {
    private final Axis axis;
    private final String groupField;
    private final int threads;
    private final GroupValueMap map;

    /** Rates of {@code axis}' groups, taken from {@code groupField} (null: the lexicon), indexing with {@code threads}. */
    AuditRates(Axis axis, String groupField, int threads) {
        this(axis, groupField, threads, GroupValueMap.NONE);
    }

    /** Rates as above, the field's values read as groups by {@code map}. */
    AuditRates(Axis axis, String groupField, int threads, GroupValueMap map) {
        this.map = map;
        this.axis = axis;
        this.groupField = groupField;
        this.threads = threads;
    }

    /**
     * Indexes {@code corpus} into {@code indexDir} and returns its rates; {@code sha256} is the corpus'
     * hash when known (null: the indexer hashes it).
     */
    Map<String, Map<String, Double>> of(Path corpus, ReadOptions read, Path indexDir, String sha256) throws IOException {
        CorpusIndexer.builder().setInput(corpus).setIndexDir(indexDir).optReadOptions(read).optThreads(threads)
                .optInputSha256(sha256).build().run();
        try (CorpusIndex index = CorpusIndex.open(indexDir)) {
            IndexCounter counter = new IndexCounter(index, Scope.DOCUMENT);
            List<String> labels = counter.values(null);
            List<String> values = groupField == null ? List.of() : counter.values(groupField);
            CountTable t = counter.table(axis.groups(), groupFeatures(axis, groupField, values, map), labels,
                    labels.stream().<Feature>map(Feature.FieldValue::label).toList());
            Map<String, Map<String, Double>> out = new TreeMap<>();
            for (int l = 0; l < labels.size(); l++) {
                long total = 0;
                for (int g = 0; g < axis.groups().size(); g++) {
                    total += t.exclusiveBoth(g, l);
                }
                Map<String, Double> row = new LinkedHashMap<>();
                for (int g = 0; g < axis.groups().size(); g++) {
                    row.put(axis.groups().get(g), total == 0 ? null : (double) t.exclusiveBoth(g, l) / total);
                }
                out.put(labels.get(l), row);
            }
            return out;
        }
    }

    /**
     * One feature per group of {@code axis}: the lexicon's own features when {@code groupField} is null,
     * else any of the field's {@code values} that stand for the group.
     */
    static List<Feature> groupFeatures(Axis axis, String groupField, List<String> values) {
        return groupFeatures(axis, groupField, values, GroupValueMap.NONE);
    }

    /** As above, the values read as groups by {@code map}. */
    static List<Feature> groupFeatures(Axis axis, String groupField, List<String> values, GroupValueMap map) {
        if (groupField == null) {
            return axis.features();
        }
        List<Feature> out = new ArrayList<>();
        for (String g : axis.groups()) {
            // the column's values that stand for this group (female, Female, F, ...)
            List<Feature> vs = values.stream().filter(v -> g.equals(GroupValues.groupOf(v, axis.groups(), map)))
                    .<Feature>map(v -> Feature.FieldValue.attribute(groupField, v)).toList();
            out.add(new Feature.AnyOf(g, vs));
        }
        return out;
    }
}
