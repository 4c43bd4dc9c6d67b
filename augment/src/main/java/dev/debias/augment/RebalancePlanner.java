package dev.debias.augment;

import dev.debias.core.InvalidInputException;
import dev.debias.core.SeededShuffle;
import dev.debias.core.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongToDoubleFunction;

/**
 * Rebalancing to a target rate on a two-group axis: per label, the fewest counterfactual copies of
 * records of the over-represented group (or, with drops allowed, the fewest records of it left out)
 * that bring the target group's share nearest the target rate. Which records are copied or dropped
 * is a seeded shuffle per label; when more copies are needed than there are candidates, candidates
 * are copied round-robin and a warning says so. Target shares on a two-group axis are the rate of the
 * first group they name (naming both, either gives the same plan). On an axis of more than two groups every group has a target share
 * ({@link TargetShares}: given shares, a target group's rate with the rest shared equally, or parity)
 * and {@link MultiGroupRebalance} plans copies toward each group (or drops from each).
 */
final class RebalancePlanner implements Planner {
    private final String axis;
    private final String targetGroup;
    private final double targetRate;
    private final boolean allowDrop;
    private final long seed;
    private final Map<String, Double> targetShares;
    private final boolean rateSet;

    /**
     * A planner for the axis named {@code axis}, reaching {@code targetRate} (strictly between 0 and 1)
     * for {@code targetGroup} (null: the axis' first group), shuffling with {@code seed}; on an axis of
     * more than two groups the target rate counts as set.
     */
    RebalancePlanner(String axis, String targetGroup, double targetRate, boolean allowDrop, long seed) {
        this(axis, targetGroup, targetRate, true, Map.of(), allowDrop, seed);
    }

    /**
     * A planner reaching {@code targetShares} (empty: none given), or else {@code targetRate} for
     * {@code targetGroup}, or, on an axis of more than two groups with neither shares, group nor
     * {@code rateSet}, parity ({@link TargetShares#resolve}).
     */
    RebalancePlanner(String axis, String targetGroup, double targetRate, boolean rateSet,
            Map<String, Double> targetShares, boolean allowDrop, long seed) {
        this.axis = axis;
        this.targetGroup = targetGroup;
        this.targetRate = targetRate;
        this.rateSet = rateSet;
        this.targetShares = new LinkedHashMap<>(targetShares);
        this.allowDrop = allowDrop;
        this.seed = seed;
    }

    @Override
    public boolean needsCopyGroups() {
        return true;
    }

    /**
     * The seed of the shuffle of label {@code label}'s candidates: {@code seed * 31 + label}. This is
     * not {@link dev.debias.stats.Seeds}, whose values differ: rebalanced outputs were made with this
     * derivation before Seeds existed, and the same seed must keep giving the same bytes.
     */
    static long shuffleSeed(long seed, int label) {
        return seed * 31 + label;
    }

    @Override
    public Plan plan(Census census) {
        List<String> groups = census.groups();
        if (groups.size() > 2) {
            return MultiGroupRebalance.plan(census, TargetShares.resolve(groups, targetShares, targetGroup, targetRate,
                    rateSet), allowDrop, seed);
        }
        if (groups.size() != 2) {
            throw new InvalidInputException("rebalance needs an axis with at least two groups; " + axis + " has "
                    + groups);
        }
        String group = targetGroup != null ? targetGroup : groups.get(0);
        double rate = this.targetRate;
        if (!targetShares.isEmpty()) {
            double[] t = TargetShares.resolve(groups, targetShares, null, 0, false);
            group = targetShares.keySet().iterator().next();
            rate = t[groups.indexOf(group)];
            if (!(rate < 1)) {
                throw new InvalidInputException("a target share of 1 leaves nothing for the other group ("
                        + Setting.TARGET_SHARES + ")");
            }
        }
        final double targetRate = rate;
        int a = groups.indexOf(group);
        if (a < 0) {
            throw new InvalidInputException("unknown group '" + targetGroup + "'; the axis has " + groups);
        }
        int b = 1 - a;
        int n = census.size();
        int[] copies = new int[n];
        boolean[] drop = new boolean[n];
        List<String> warnings = new ArrayList<>();
        for (int l = 0; l < census.labels().size(); l++) {
            String label = census.labels().get(l);
            long na = census.counts()[a][l];
            long nb = census.counts()[b][l];
            if (na + nb == 0) {
                warnings.add("label " + label + ": no record with exactly one group; left as it is");
                continue;
            }
            double share = (double) na / (na + nb);
            if (Math.abs(share - targetRate) < 1e-12) {
                continue;
            }
            boolean needMoreA = share < targetRate;
            int from = needMoreA ? b : a;
            int to = needMoreA ? a : b;
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (census.labelOf()[i] == l && census.groupOf()[i] == from
                        && (allowDrop || census.copyGroupOf()[i] == to)) {
                    candidates.add(i);
                }
            }
            SeededShuffle.shuffle(candidates, new SplittableRandom(shuffleSeed(seed, l)));
            if (allowDrop) {
                // drop records of the over-represented side: na / (na + nb - y) = R, or (na - y) / (na + nb - y) = R
                double exact = needMoreA ? na + nb - na / targetRate : (na - targetRate * (na + nb)) / (1 - targetRate);
                long y = best(exact, targetRate, y2 -> needMoreA ? (double) na / (na + nb - y2) : (double) (na - y2) / (na + nb - y2),
                        candidates.size());
                for (int j = 0; j < y; j++) {
                    drop[candidates.get(j)] = true;
                }
            } else {
                // add copies converting the over-represented side: (na + x) / (na + nb + x) = R, or na / (na + nb + x) = R
                double exact = needMoreA ? (targetRate * (na + nb) - na) / (1 - targetRate) : na / targetRate - (na + nb);
                long x = best(exact, targetRate, x2 -> needMoreA ? (double) (na + x2) / (na + nb + x2) : (double) na / (na + nb + x2),
                        Long.MAX_VALUE);
                if (candidates.isEmpty()) {
                    warnings.add("label " + label + ": no " + groups.get(from) + " record whose "
                            + "counterfactual is " + groups.get(to) + "; cannot rebalance it");
                    continue;
                }
                for (long j = 0; j < x; j++) {
                    copies[candidates.get((int) (j % candidates.size()))]++;
                }
                if (x > candidates.size()) {
                    warnings.add(String.format(Locale.ROOT, "label %s: %d copies needed from %d candidate records; "
                            + "some records are copied more than once", label, x, candidates.size()));
                }
            }
        }
        return new Plan(copies, drop, new double[0], new LinkedHashMap<>(), warnings);
    }

    /** The integer near {@code exact} (floor or ceiling, within {@code [0, max]}) whose resulting share is nearest the target. */
    long best(double exact, LongToDoubleFunction share, long max) {
        return best(exact, targetRate, share, max);
    }

    /** {@link #best(double, LongToDoubleFunction, long)} toward {@code targetRate}. */
    static long best(double exact, double targetRate, LongToDoubleFunction share, long max) {
        long lo = Math.max(0, Math.min(max, (long) Math.floor(exact)));
        long hi = Math.max(0, Math.min(max, (long) Math.ceil(exact)));
        return Math.abs(share.applyAsDouble(lo) - targetRate) <= Math.abs(share.applyAsDouble(hi) - targetRate) ? lo : hi;
    }
}
