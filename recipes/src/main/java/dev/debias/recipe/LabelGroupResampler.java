package dev.debias.recipe;

import dev.debias.core.InvalidInputException;
import dev.debias.stats.Seeds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chooses which records of a labelled corpus to keep so that, within every label, the label's majority
 * group makes up a given share of its records. Feed it every record's label and group in corpus order
 * ({@link #add}), then ask for a {@link #plan} at one rate of a sweep.
 *
 * <p>The contract, for a sweep over {@code rates}: the two most frequent groups of the corpus are the
 * sweep's groups (ties broken by name); a label of {@code m} records at each rate keeps
 * {@code round(rate * m)} records of its majority group and the rest of the other, where {@code m} is the
 * largest size that every rate of the sweep allows, so each label has the same size at every rate. Within
 * a (label, group) the records kept are those of lowest seeded rank ({@link Seeds#unit}{@code (seed, i)}
 * for record {@code i}), so the records kept at a larger share extend those kept at a smaller one and the
 * data is otherwise fixed across the sweep. Records of other groups are left out and counted. A label
 * without records of one of the two groups cannot take every rate: it is kept whole at every rate.
 */
final class LabelGroupResampler {
    private final long seed;
    private final Map<String, Map<String, List<double[]>>> ranks = new LinkedHashMap<>();
    private final Map<String, Long> groupTotals = new HashMap<>();
    private long next;

    /** A resampler whose ranks derive from {@code seed}. */
    LabelGroupResampler(long seed) {
        this.seed = seed;
    }

    /** Records the next record of the corpus (record number {@code i} = the number of earlier calls). */
    void add(String label, String group) {
        long i = next++;
        ranks.computeIfAbsent(label, k -> new LinkedHashMap<>())
                .computeIfAbsent(group, k -> new ArrayList<>()).add(new double[] {Seeds.unit(seed, i), i});
        groupTotals.merge(group, 1L, Long::sum);
    }

    /**
     * Which records to keep at {@code rate}, one of {@code rates}.
     *
     * @param source names the corpus in the error raised when it has fewer than two groups
     * @param groupField names the group field in that error
     */
    Plan plan(double rate, List<Double> rates, String source, String groupField) {
        List<String> two = groupTotals.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue()
                .reversed().thenComparing(Map.Entry.comparingByKey())).limit(2).map(Map.Entry::getKey).toList();
        if (two.size() < 2) {
            throw new InvalidInputException(source + ": the sweep needs two groups in field '" + groupField
                    + "', found " + groupTotals.keySet());
        }
        // per label: its majority group, and how many records of each group to keep
        Map<String, long[]> keep = new HashMap<>();
        Map<String, String> majority = new HashMap<>();
        TreeSet<String> asIs = new TreeSet<>();
        for (var e : ranks.entrySet()) {
            long a0 = e.getValue().getOrDefault(two.get(0), List.of()).size();
            long b0 = e.getValue().getOrDefault(two.get(1), List.of()).size();
            String maj = a0 >= b0 ? two.get(0) : two.get(1);
            long a = Math.max(a0, b0);
            long b = Math.min(a0, b0);
            long m = commonSize(a, b, rates);
            majority.put(e.getKey(), maj);
            if (m == 0) {
                asIs.add(e.getKey());
                keep.put(e.getKey(), new long[] {a, b});
                continue;
            }
            long ka = Math.round(rate * m);
            keep.put(e.getKey(), new long[] {ka, m - ka});
        }
        // a record is kept when its rank within (label, group) is below the quota
        Set<Long> kept = new HashSet<>();
        long otherGroups = 0;
        for (var byLabel : ranks.entrySet()) {
            for (var e : byLabel.getValue().entrySet()) {
                if (!two.contains(e.getKey())) {
                    otherGroups += e.getValue().size();
                    continue;
                }
                long quota = keep.get(byLabel.getKey())[e.getKey().equals(majority.get(byLabel.getKey())) ? 0 : 1];
                List<double[]> l = e.getValue();
                l.sort(Comparator.comparingDouble(v -> v[0]));
                for (int j = 0; j < Math.min(quota, l.size()); j++) {
                    kept.add((long) l.get(j)[1]);
                }
            }
        }
        return new Plan(two, kept, new TreeMap<>(majority), asIs, otherGroups);
    }

    /**
     * The largest label size that every rate allows, given {@code a} records of the label's majority group
     * and {@code b <= a} of the other: {@code floor(min over rates r of min(a / r, b / (1 - r)))}.
     */
    static long commonSize(long a, long b, List<Double> rates) {
        double size = Double.MAX_VALUE;
        for (double x : rates) {
            size = Math.min(size, Math.min(x > 0 ? a / x : Double.MAX_VALUE, x < 1 ? b / (1 - x) : Double.MAX_VALUE));
        }
        return (long) Math.floor(size + 1e-9);
    }

    /**
     * What to keep.
     *
     * @param groups the sweep's two groups, most frequent first
     * @param kept the numbers of the records to keep
     * @param majorityByLabel each label's majority group
     * @param keptAsIs the labels kept whole because they lack one of the groups
     * @param otherGroupsLeftOut the records of other groups, left out
     */
    record Plan(List<String> groups, Set<Long> kept, TreeMap<String, String> majorityByLabel, TreeSet<String> keptAsIs,
            long otherGroupsLeftOut) {}
}
