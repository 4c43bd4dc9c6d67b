package dev.debias.augment;

import dev.debias.core.SeededShuffle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Rebalancing on an axis of more than two groups to a target share {@code t_g} for every group (see
 * {@link TargetShares}), label by label, from the label's counts {@code n_g}.
 *
 * <p>With copies only (a copy adds a record and removes none): the smallest total that lets every group
 * reach its share is {@code N' = max_g n_g / t_g} (over the groups with {@code t_g > 0}; copies cannot take
 * a group of share 0 below its {@code n_g} records, which a warning says); group {@code g} is brought to {@code round(t_g N')}
 * records by {@code x_g = round(t_g N') - n_g} copies converted into it (never negative: the rounding of
 * {@code t_g N' >= n_g} is at least {@code n_g}). The copies come from records of the most over-represented
 * group (largest {@code n_g / t_g}, the first in the axis' order on a tie) whose copy toward {@code g}
 * changes the text and is detected as {@code g}.
 *
 * <p>With drops: the largest total every group can keep its share of is {@code M' = min_g n_g / t_g}; group
 * {@code g} keeps {@code round(t_g M')} of its {@code n_g} records and the rest are dropped (all of a group
 * of share 0); a label without any record of a group of share above 0 is left as it is, with a warning.
 *
 * <p>Either way each group ends within 0.5 records of {@code t_g} times the planned total and the total
 * within {@code k/2} of it, so every share lands within {@code (k + 1) / (2 M)} of its target, {@code M}
 * the label's grouped records after (when there are candidates enough). Which records are copied or
 * dropped is a seeded shuffle per label ({@link RebalancePlanner#shuffleSeed}); when more copies toward a
 * group are needed than there are candidates they go round-robin, and a warning says so, as it says when
 * there is none.
 */
final class MultiGroupRebalance {
    private final Census census;
    private final double[] target;
    private final long seed;
    private final List<String> warnings = new ArrayList<>();

    private MultiGroupRebalance(Census census, double[] target, long seed) {
        this.census = census;
        this.target = target;
        this.seed = seed;
    }

    /** The plan reaching the shares {@code target} (one per group of {@code census}, summing to 1). */
    static Plan plan(Census census, double[] target, boolean allowDrop, long seed) {
        return new MultiGroupRebalance(census, target, seed).plan(allowDrop);
    }

    private Plan plan(boolean allowDrop) {
        int n = census.size();
        int k = census.groups().size();
        int[][] toward = new int[n][];
        boolean[] drop = new boolean[n];
        for (int l = 0; l < census.labels().size(); l++) {
            String label = census.labels().get(l);
            long[] counts = new long[k];
            long total = 0;
            boolean atTarget = true;
            for (int g = 0; g < k; g++) {
                counts[g] = census.counts()[g][l];
                total += counts[g];
            }
            if (total == 0) {
                warnings.add("label " + label + ": no record with exactly one group; left as it is");
                continue;
            }
            for (int g = 0; g < k; g++) {
                atTarget &= Math.abs((double) counts[g] / total - target[g]) < 1e-12;
            }
            if (atTarget) {
                continue;
            }
            if (allowDrop) {
                drops(l, label, counts, drop);
            } else {
                copies(l, label, counts, toward);
            }
        }
        int[] copies = new int[n];
        int[][] to = new int[n][];
        for (int i = 0; i < n; i++) {
            if (toward[i] != null) {
                to[i] = expand(toward[i]);
                copies[i] = to[i].length;
            }
        }
        return new Plan(copies, drop, new double[0], new LinkedHashMap<>(), warnings,
                new Plan.Targets(census.groups(), census.groupOf(), to));
    }

    /** Plans label {@code l}'s copies: {@code toward[i][g]} copies of record {@code i} toward group {@code g}. */
    private void copies(int l, String label, long[] counts, int[][] toward) {
        int k = counts.length;
        int source = -1;
        for (int g = 0; g < k; g++) {
            if (target[g] > 0 && (source < 0 || counts[g] / target[g] > counts[source] / target[source])) {
                source = g;
            } else if (target[g] == 0 && counts[g] > 0) {
                warnings.add("label " + label + ": " + counts[g] + " " + census.groups().get(g) + " records against a "
                        + "target share of 0; copies cannot remove them (dropping records can)");
            }
        }
        double planned = counts[source] / target[source];
        List<Integer> candidates = records(l, source);
        SeededShuffle.shuffle(candidates, new SplittableRandom(RebalancePlanner.shuffleSeed(seed, l)));
        String from = census.groups().get(source);
        for (int g = 0; g < k; g++) {
            long x = g == source || target[g] == 0 ? 0 : Math.max(0, Math.round(target[g] * planned) - counts[g]);
            if (x == 0) {
                continue;
            }
            int h = g;
            List<Integer> able = candidates.stream().filter(i -> census.canCopyToward(i, h)).toList();
            String to = census.groups().get(g);
            if (able.isEmpty()) {
                warnings.add("label " + label + ": no " + from + " record whose counterfactual toward " + to + " is "
                        + to + "; cannot bring " + to + " to its share");
                continue;
            }
            for (long j = 0; j < x; j++) {
                int i = able.get((int) (j % able.size()));
                if (toward[i] == null) {
                    toward[i] = new int[k];
                }
                toward[i][g]++;
            }
            if (x > able.size()) {
                warnings.add(String.format(Locale.ROOT, "label %s: %d copies toward %s needed from %d candidate "
                        + "records; some records are copied more than once", label, x, to, able.size()));
            }
        }
    }

    /** Plans label {@code l}'s drops: each group keeps {@code round(t_g M')} of its records. */
    private void drops(int l, String label, long[] counts, boolean[] drop) {
        int k = counts.length;
        double kept = Double.POSITIVE_INFINITY;
        for (int g = 0; g < k; g++) {
            if (target[g] == 0) {
                continue;
            }
            if (counts[g] == 0) {
                warnings.add("label " + label + ": no " + census.groups().get(g) + " record; dropping records cannot "
                        + "give it its share; left as it is");
                return;
            }
            kept = Math.min(kept, counts[g] / target[g]);
        }
        SplittableRandom random = new SplittableRandom(RebalancePlanner.shuffleSeed(seed, l));
        for (int g = 0; g < k; g++) {
            long y = counts[g] - Math.min(counts[g], Math.round(target[g] * kept));
            List<Integer> candidates = records(l, g);
            SeededShuffle.shuffle(candidates, random);
            for (int j = 0; j < y; j++) {
                drop[candidates.get(j)] = true;
            }
        }
    }

    /** The records of label {@code l} and group {@code g}, in input order. */
    private List<Integer> records(int l, int g) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < census.size(); i++) {
            if (census.labelOf()[i] == l && census.groupOf()[i] == g) {
                out.add(i);
            }
        }
        return out;
    }

    /** Copy counts per group as a list of group indexes, ascending, each repeated by its count. */
    private static int[] expand(int[] counts) {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        int[] out = new int[total];
        int j = 0;
        for (int g = 0; g < counts.length; g++) {
            for (int c = 0; c < counts[g]; c++) {
                out[j++] = g;
            }
        }
        return out;
    }
}
