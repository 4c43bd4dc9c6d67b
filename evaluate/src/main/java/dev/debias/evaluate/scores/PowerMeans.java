package dev.debias.evaluate.scores;

import dev.debias.evaluate.group.UndefinedPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Which groups each power mean (of the subgroup, BPSN and BNSP AUCs) is taken over, fixed by the data: groups of
 * at least the minimum size where the AUC is defined ({@link UndefinedPolicy#SKIP_GROUP}), or none as soon as one
 * such group is undefined ({@link UndefinedPolicy#PROPAGATE}). A bootstrap replicate where one of the chosen groups
 * is undefined gives an undefined mean, and is dropped from the interval.
 */
final class PowerMeans {
    /** The per-group measures the means summarise, in the order of {@link #NAMES}. */
    static final int[] MEASURES = {ScoreSheet.AUC, ScoreSheet.BPSN, ScoreSheet.BNSP};
    static final String[] NAMES = {PowerMean.SUBGROUP_AUC, PowerMean.BPSN_AUC, PowerMean.BNSP_AUC};
    /** The weight of each of the four parts of the final score. */
    private static final double FINAL_WEIGHT = 0.25;

    private final double power;
    private final List<List<Integer>> included = new ArrayList<>();
    private final List<List<String>> excluded = new ArrayList<>();
    private final String[] reasons = new String[MEASURES.length];

    /**
     * @param point the sheet values of the data
     * @param groups the group names
     * @param count the records of each group
     */
    PowerMeans(double[] point, List<String> groups, long[] count, int minGroupSize, UndefinedPolicy policy, double power) {
        this.power = power;
        for (int m = 0; m < MEASURES.length; m++) {
            List<Integer> in = new ArrayList<>();
            List<String> out = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                if (count[g] < minGroupSize) {
                    out.add(groups.get(g));
                } else if (Double.isNaN(point[ScoreSheet.slot(g, MEASURES[m])])) {
                    out.add(groups.get(g));
                    if (policy == UndefinedPolicy.PROPAGATE) {
                        reasons[m] = "undefined for group '" + groups.get(g) + "' (" + UndefinedPolicy.PROPAGATE + ")";
                    }
                } else {
                    in.add(g);
                }
            }
            if (in.isEmpty() && reasons[m] == null) {
                reasons[m] = "no group of at least " + minGroupSize + " records where it is defined";
            }
            included.add(in);
            excluded.add(out);
        }
    }

    /** The groups mean {@code m} leaves out: too small, or undefined there. */
    List<String> excluded(int m) {
        return excluded.get(m);
    }

    /** Why mean {@code m} is undefined whatever the replicate, or null. */
    String reason(int m) {
        return reasons[m];
    }

    /** The three power means and the final score from one row of sheet values; NaN where undefined. */
    double[] of(double[] row) {
        double[] out = new double[MEASURES.length + 1];
        double fin = FINAL_WEIGHT * row[ScoreSheet.OVERALL_AUC];
        for (int m = 0; m < MEASURES.length; m++) {
            out[m] = reasons[m] != null ? Double.NaN : powerMean(row, included.get(m), MEASURES[m], power);
            fin += FINAL_WEIGHT * out[m];
        }
        out[MEASURES.length] = fin;
        return out;
    }

    /** {@code (mean of v^p)^(1/p)} over the groups; NaN when one is undefined; 0 when one is 0 and p < 0. */
    static double powerMean(double[] row, List<Integer> groups, int measure, double p) {
        double s = 0;
        for (int g : groups) {
            double v = row[ScoreSheet.slot(g, measure)];
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            if (v == 0 && p < 0) {
                return 0;
            }
            s += Math.pow(v, p);
        }
        return Math.pow(s / groups.size(), 1 / p);
    }
}
