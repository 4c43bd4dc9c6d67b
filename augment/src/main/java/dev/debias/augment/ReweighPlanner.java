package dev.debias.augment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reweighing (Kamiran and Calders): each record of group {@code g} and label {@code l} gets the
 * weight {@code n(g) n(l) / (N n(g, l))}, which makes group and label independent in the weighted
 * corpus while keeping each group's weighted share and the total weight; a record without a group or
 * label weighs 1.
 */
final class ReweighPlanner implements Planner {
    @Override
    public Plan plan(Census census) {
        long[][] counts = census.counts();
        List<String> labels = census.labels();
        int k = census.groups().size();
        int m = labels.size();
        long total = 0;
        long[] byGroup = new long[k];
        long[] byLabel = new long[m];
        for (int g = 0; g < k; g++) {
            for (int l = 0; l < m; l++) {
                byGroup[g] += counts[g][l];
                byLabel[l] += counts[g][l];
                total += counts[g][l];
            }
        }
        double[][] w = new double[k][m];
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int g = 0; g < k; g++) {
            for (int l = 0; l < m; l++) {
                w[g][l] = counts[g][l] == 0 ? 1.0 : (double) byGroup[g] * byLabel[l] / ((double) total * counts[g][l]);
                if (counts[g][l] > 0) {
                    weights.put(key(census.groups().get(g), labels.get(l)), w[g][l]);
                }
            }
        }
        int n = census.size();
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            int g = census.groupOf()[i];
            int l = census.labelOf()[i];
            weight[i] = g >= 0 && l >= 0 ? w[g][l] : 1.0;
        }
        return new Plan(new int[n], new boolean[n], weight, weights, new ArrayList<>());
    }

    /**
     * Per label (sorted), each group's weighted share among the label's grouped records, with the
     * {@code group|label} {@code weights} of a plan (absent: 1); null for a label without any.
     */
    static Map<String, Map<String, Double>> weightedRates(Census census, Map<String, Double> weights) {
        List<String> groups = census.groups();
        Map<String, Map<String, Double>> out = new TreeMap<>();
        for (int l = 0; l < census.labels().size(); l++) {
            String label = census.labels().get(l);
            double total = 0;
            for (int g = 0; g < groups.size(); g++) {
                total += census.counts()[g][l] * weights.getOrDefault(key(groups.get(g), label), 1.0);
            }
            Map<String, Double> row = new LinkedHashMap<>();
            for (int g = 0; g < groups.size(); g++) {
                double wg = census.counts()[g][l] * weights.getOrDefault(key(groups.get(g), label), 1.0);
                row.put(groups.get(g), total == 0 ? null : wg / total);
            }
            out.put(label, row);
        }
        return out;
    }

    /** The summary's key of a weight: {@code group|label}. */
    static String key(String group, String label) {
        return group + "|" + label;
    }
}
