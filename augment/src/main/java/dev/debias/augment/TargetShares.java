package dev.debias.augment;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The share of each group that rebalancing aims at within every label. Given shares name groups of the
 * axis, each from 0 to 1: when they name every group they must sum to 1 (within 1e-6); when they name
 * some, they must sum to at most 1 and the groups not named share what is left equally (nothing, when
 * they sum to 1: {@code black=0.5,white=0.5} leaves the other groups a share of 0). Without given shares,
 * a target group (or a target rate, for the axis' first group) is the shares {@code {group: rate}}, the
 * other groups sharing {@code 1 - rate} equally; with neither, every group gets {@code 1/k} (parity).
 */
final class TargetShares {
    private static final double TOLERANCE = 1e-6;

    private TargetShares() {}

    /**
     * The target share of each of {@code groups}, in their order, from the given {@code shares} (empty: none
     * given), or else {@code targetGroup} (null: the first group, when {@code rateSet}) at {@code rate}, or
     * else parity.
     *
     * @throws InvalidInputException when a share names no group of the axis, or the shares do not add up
     */
    static double[] resolve(List<String> groups, Map<String, Double> shares, String targetGroup, double rate,
            boolean rateSet) {
        int k = groups.size();
        double[] t = new double[k];
        if (shares.isEmpty() && targetGroup == null && !rateSet) {
            java.util.Arrays.fill(t, 1.0 / k);
            return t;
        }
        Map<String, Double> given = !shares.isEmpty() ? shares
                : Map.of(targetGroup != null ? targetGroup : groups.get(0), rate);
        boolean[] named = new boolean[k];
        double sum = 0;
        for (var e : given.entrySet()) {
            int g = groups.indexOf(e.getKey());
            if (g < 0) {
                throw new InvalidInputException("unknown group '" + e.getKey() + "' in the target shares; the axis has "
                        + groups);
            }
            if (!(e.getValue() >= 0 && e.getValue() <= 1)) {
                throw new InvalidInputException("the target share of " + e.getKey() + " must be from 0 to 1, "
                        + "got " + e.getValue() + " (" + Setting.TARGET_SHARES + ")");
            }
            t[g] = e.getValue();
            named[g] = true;
            sum += e.getValue();
        }
        int rest = k - given.size();
        if (rest == 0) {
            if (Math.abs(sum - 1) > TOLERANCE) {
                throw new InvalidInputException("the target shares of all groups must sum to 1, got " + sum + " ("
                        + Setting.TARGET_SHARES + ")");
            }
            return t;
        }
        if (sum > 1 + TOLERANCE) {
            throw new InvalidInputException("the target shares " + given + " sum to " + sum + ", more than 1 ("
                    + Setting.TARGET_SHARES + ")");
        }
        for (int g = 0; g < k; g++) {
            if (!named[g]) {
                t[g] = Math.max(0, 1 - sum) / rest;
            }
        }
        return t;
    }

    /** {@code group=share} for every given share, comma separated, in the order given. */
    static String format(Map<String, Double> shares) {
        StringJoiner j = new StringJoiner(",");
        shares.forEach((g, v) -> j.add(g + "=" + String.format(Locale.ROOT, "%s", v)));
        return j.toString();
    }
}
