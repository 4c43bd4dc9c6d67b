package dev.debias.audit;

import dev.debias.corpus.GroupValueMap;
import dev.debias.stats.Proportions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/** Builds the {@link Agreement} of a lexicon axis with a ground-truth column from detection counts. */
final class Agreements {
    private Agreements() {}

    /**
     * The agreement of {@code axis} with column {@code field}, {@code detection} being
     * {@link dev.debias.audit.count.IndexCounter#detection} at document scope, values read as groups by {@code map}.
     */
    static Agreement of(Axis axis, String field, List<String> values, long[][] detection, GroupValueMap map) {
        int k = axis.groups().size();
        Map<String, String> valueToGroup = new LinkedHashMap<>();
        for (String v : values) {
            String g = map.groupOf(v, axis.groups());
            if (g != null) {
                valueToGroup.put(v, g);
            }
        }
        Map<String, Map<String, Long>> docs = new LinkedHashMap<>();
        long comparable = 0;
        long agree = 0;
        long mapped = 0;
        for (int v = 0; v < values.size(); v++) {
            Map<String, Long> row = new LinkedHashMap<>();
            long total = 0;
            for (int g = 0; g < k; g++) {
                row.put(axis.groups().get(g), detection[v][g]);
                total += detection[v][g];
            }
            row.put(Audit.SEVERAL, detection[v][k]);
            row.put(Audit.NONE, detection[v][k + 1]);
            docs.put(values.get(v), row);
            String g = valueToGroup.get(values.get(v));
            if (g != null) {
                comparable += total;
                agree += row.get(g);
                mapped += total + detection[v][k] + detection[v][k + 1];
            }
        }
        return new Agreement(axis.name(), field, valueToGroup, docs, comparable, Proportions.wilson(agree, comparable),
                Proportions.wilson(comparable, mapped));
    }

}
