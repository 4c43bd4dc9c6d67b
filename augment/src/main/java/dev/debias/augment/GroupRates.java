package dev.debias.augment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A corpus' group rates counted while it streams by: per label (sorted), the share of each group among
 * the label's records that hold exactly one group ({@link GroupDetector}, the audit's rule), null for a
 * label without any. These are the rates the audit's document-scope table gives for the same corpus
 * ({@code StreamedRatesAgreementTest} holds the two equal), without building an index. Not thread-safe.
 */
final class GroupRates {
    private final List<String> groups;
    private final Map<String, long[]> byLabel = new TreeMap<>();

    /** Empty counts over {@code groups}. */
    GroupRates(List<String> groups) {
        this.groups = List.copyOf(groups);
    }

    /** Counts one record of {@code label} (null: unlabelled, not counted) whose group index is {@code group} (-1: none or several). */
    void add(String label, int group) {
        if (label == null) {
            return;
        }
        long[] row = byLabel.computeIfAbsent(label, l -> new long[groups.size()]);
        if (group >= 0) {
            row[group]++;
        }
    }

    /** The rates of the records counted so far. */
    Map<String, Map<String, Double>> rates() {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        byLabel.forEach((label, row) -> out.put(label, shares(row)));
        return out;
    }

    /** The rates of a census' records, from its counts. */
    static Map<String, Map<String, Double>> of(Census census) {
        GroupRates r = new GroupRates(census.groups());
        for (int l = 0; l < census.labels().size(); l++) {
            long[] row = new long[census.groups().size()];
            for (int g = 0; g < row.length; g++) {
                row[g] = census.counts()[g][l];
            }
            r.byLabel.put(census.labels().get(l), row);
        }
        return r.rates();
    }

    private Map<String, Double> shares(long[] row) {
        long total = 0;
        for (long c : row) {
            total += c;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            out.put(groups.get(g), total == 0 ? null : (double) row[g] / total);
        }
        return out;
    }
}
