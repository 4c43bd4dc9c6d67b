package dev.debias.evaluate.group;

import static dev.debias.evaluate.group.SheetDetail.reason;
import static dev.debias.evaluate.group.SheetLayout.ACCURACY;
import static dev.debias.evaluate.group.SheetLayout.DI;
import static dev.debias.evaluate.group.SheetLayout.DP;
import static dev.debias.evaluate.group.SheetLayout.EO;
import static dev.debias.evaluate.group.SheetLayout.EODDS;
import static dev.debias.evaluate.group.SheetLayout.FPR;
import static dev.debias.evaluate.group.SheetLayout.MACRO_F1;
import static dev.debias.evaluate.group.SheetLayout.PRECISION;
import static dev.debias.evaluate.group.SheetLayout.SELECTION;
import static dev.debias.evaluate.group.SheetLayout.SELECTION_POSITIVE;
import static dev.debias.evaluate.group.SheetLayout.TPR;

import java.util.ArrayList;
import java.util.List;

/**
 * Every metric and gap of a grouping as one flat vector ({@link SheetLayout}) computed from per-group
 * confusion matrices, so the point estimate and each bootstrap replicate run the same code: the metrics
 * of each group and overall, and the binary gaps between groups (demographic parity, disparate impact,
 * equal opportunity, equalized odds) under the {@link UndefinedPolicy}; the per-class gaps are
 * {@link ClassGaps}'. NaN marks an undefined value; the point estimate also records why ({@link SheetDetail}).
 */
final class MetricSheet {
    private final List<String> groups;
    private final List<String> classes;
    private final int k;
    private final int positive;
    private final UndefinedPolicy policy;
    private final SheetLayout layout;
    private final ClassGaps classGaps;

    /**
     * @param positive the positive class, or -1 (binary gaps take the worst class)
     * @param gapA first group of the per-class TPR gaps, or -1 for none
     * @param trainShare per class, the share of {@code gapA} among its training examples (NaN when
     *     unknown), or null
     */
    MetricSheet(List<String> groups, List<String> classes, int positive, int gapA, int gapB, double[] trainShare,
            UndefinedPolicy policy) {
        this.groups = groups;
        this.classes = classes;
        this.k = classes.size();
        this.positive = positive;
        this.policy = policy;
        this.layout = new SheetLayout(groups.size(), k);
        this.classGaps = new ClassGaps(layout, classes, gapA, gapB, trainShare, policy);
    }

    /** Where each metric and gap sits in the vectors this sheet fills. */
    SheetLayout layout() {
        return layout;
    }

    /** Fills {@code out} from {@code cm[group][true][predicted]}; {@code detail} may be null. */
    void compute(long[][][] cm, double[] out, SheetDetail detail) {
        int groupCount = groups.size();
        long[][] all = new long[k][k];
        for (long[][] g : cm) {
            for (int t = 0; t < k; t++) {
                for (int p = 0; p < k; p++) {
                    all[t][p] += g[t][p];
                }
            }
        }
        for (int s = 0; s <= groupCount; s++) {
            scopeMetrics(s, s == groupCount ? all : cm[s], out, detail);
        }
        if (groupCount < 2) {
            for (int i = layout.gap(0); i < layout.slots(); i++) {
                out[i] = Double.NaN;
                reason(detail, i, "only one group");
            }
            return;
        }
        double[] dp = new double[k];
        double[] di = new double[k];
        double[] eo = new double[k];
        double[] eodds = new double[k];
        int[][] selExt = new int[k][];
        int[][] tprExt = new int[k][];
        int[][] fprExt = new int[k][];
        boolean[] eoddsFromTpr = new boolean[k];
        String[][] why = new String[4][k];
        List<List<String>> eoExcluded = new ArrayList<>();
        List<List<String>> eoddsExcluded = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            double[] sel = column(c, SELECTION, out);
            selExt[c] = extremes(sel);
            double min = sel[selExt[c][1]];
            double max = sel[selExt[c][0]];
            dp[c] = max - min;
            di[c] = max == 0 ? Double.NaN : min / max;
            why[DI][c] = max == 0 ? "no group is ever predicted '" + classes.get(c) + "'" : null;
            List<String> exEo = new ArrayList<>();
            List<String> exFpr = new ArrayList<>();
            String[] r = new String[1];
            double[] tpr = column(c, TPR, out);
            double[] fpr = column(c, FPR, out);
            eo[c] = range(tpr, c, TPR, exEo, r, detail, out);
            tprExt[c] = extremes(tpr);
            why[EO][c] = r[0];
            double fprRange = range(fpr, c, FPR, exFpr, r, detail, out);
            fprExt[c] = extremes(fpr);
            String fprWhy = r[0];
            eodds[c] = Double.isNaN(eo[c]) || Double.isNaN(fprRange) ? Double.NaN : Math.max(eo[c], fprRange);
            eoddsFromTpr[c] = !Double.isNaN(eodds[c]) && eo[c] >= fprRange;
            why[EODDS][c] = Double.isNaN(eo[c]) ? "TPR gap: " + why[EO][c] : "FPR gap: " + fprWhy;
            eoExcluded.add(exEo);
            List<String> both = new ArrayList<>(exEo);
            exFpr.stream().filter(g -> !both.contains(g)).forEach(both::add);
            eoddsExcluded.add(both);
        }
        int dpClass = binaryGap(DP, dp, why[DP], List.of(), out, detail, false);
        int diClass = binaryGap(DI, di, why[DI], List.of(), out, detail, true);
        int eoClass = binaryGap(EO, eo, why[EO], eoExcluded, out, detail, false);
        int eoddsClass = binaryGap(EODDS, eodds, why[EODDS], eoddsExcluded, out, detail, false);
        if (detail != null) {
            detail.choices[DP] = dpClass < 0 ? null : choice(SELECTION, dpClass, selExt[dpClass]);
            detail.choices[DI] = diClass < 0 ? null : choice(SELECTION, diClass, selExt[diClass]);
            detail.choices[EO] = eoClass < 0 ? null : choice(TPR, eoClass, tprExt[eoClass]);
            detail.choices[EODDS] = eoddsClass < 0 ? null : eoddsFromTpr[eoddsClass]
                    ? choice(TPR, eoddsClass, tprExt[eoddsClass]) : choice(FPR, eoddsClass, fprExt[eoddsClass]);
        }
        classGaps.fill(out, detail);
    }

    private void scopeMetrics(int s, long[][] cm, double[] out, SheetDetail detail) {
        long n = 0;
        long correct = 0;
        long[] support = new long[k];
        long[] predicted = new long[k];
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                n += cm[t][p];
                support[t] += cm[t][p];
                predicted[p] += cm[t][p];
            }
            correct += cm[t][t];
        }
        String where = s == groups.size() ? "" : " in group '" + groups.get(s) + "'";
        if (n == 0) {
            for (int i = layout.scope(s, 0); i < layout.scope(s, 0) + layout.perScope(); i++) {
                out[i] = Double.NaN;
                reason(detail, i, "no records" + where);
            }
            return;
        }
        out[layout.scope(s, ACCURACY)] = (double) correct / n;
        double f1 = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            long tp = cm[c][c];
            if (support[c] > 0 || predicted[c] > 0) {
                f1 += 2.0 * tp / (support[c] + predicted[c]);
                present++;
            }
            String label = "'" + classes.get(c) + "'";
            out[layout.perClass(s, c, TPR)] = ratio(tp, support[c], detail, layout.perClass(s, c, TPR),
                    "no records labelled " + label + where);
            out[layout.perClass(s, c, FPR)] = ratio(predicted[c] - tp, n - support[c], detail, layout.perClass(s, c, FPR),
                    "every record" + where + " is labelled " + label);
            out[layout.perClass(s, c, PRECISION)] = ratio(tp, predicted[c], detail, layout.perClass(s, c, PRECISION),
                    "never predicted " + label + where);
            out[layout.perClass(s, c, SELECTION)] = (double) predicted[c] / n;
        }
        out[layout.scope(s, MACRO_F1)] = f1 / present;
        if (positive >= 0) {
            out[layout.scope(s, SELECTION_POSITIVE)] = (double) predicted[positive] / n;
        } else {
            out[layout.scope(s, SELECTION_POSITIVE)] = Double.NaN;
            reason(detail, layout.scope(s, SELECTION_POSITIVE), "no positive label named; see the per-class selection rates");
        }
    }

    private static double ratio(long num, long den, SheetDetail detail, int slot, String why) {
        if (den == 0) {
            reason(detail, slot, why);
            return Double.NaN;
        }
        return (double) num / den;
    }

    private double[] column(int c, int metric, double[] out) {
        double[] v = new double[groups.size()];
        for (int g = 0; g < v.length; g++) {
            v[g] = out[layout.perClass(g, c, metric)];
        }
        return v;
    }

    /** Max minus min over groups under the policy; {@code excluded} gets the groups left out. */
    private double range(double[] v, int c, int metric, List<String> excluded, String[] why, SheetDetail detail, double[] out) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int defined = 0;
        List<String> undefined = new ArrayList<>();
        for (int g = 0; g < v.length; g++) {
            if (Double.isNaN(v[g])) {
                undefined.add(groups.get(g));
                continue;
            }
            defined++;
            min = Math.min(min, v[g]);
            max = Math.max(max, v[g]);
        }
        String name = metric == TPR ? "TPR" : "FPR";
        why[0] = null;
        if (!undefined.isEmpty() && policy == UndefinedPolicy.PROPAGATE) {
            why[0] = name + " of '" + classes.get(c) + "' undefined for " + undefined
                    + (detail == null ? ""
                            : " (" + detail.reasons[layout.perClass(groups.indexOf(undefined.get(0)), c, metric)] + ")");
            return Double.NaN;
        }
        if (defined < 2) {
            why[0] = name + " of '" + classes.get(c) + "' defined for fewer than two groups";
            return Double.NaN;
        }
        excluded.addAll(undefined);
        return max - min;
    }

    /** Sets a binary gap from its per-class values; returns the class it comes from, or -1 when undefined. */
    private int binaryGap(int which, double[] perClassValue, String[] why, List<List<String>> excluded, double[] out,
            SheetDetail detail, boolean takeMin) {
        int slot = layout.gap(which);
        if (positive >= 0) {
            out[slot] = perClassValue[positive];
            if (Double.isNaN(out[slot])) {
                reason(detail, slot, why[positive]);
                return -1;
            } else if (detail != null && !excluded.isEmpty()) {
                detail.excluded.get(slot).addAll(excluded.get(positive));
            }
            return positive;
        }
        double best = Double.NaN;
        int bestClass = -1;
        List<String> undefinedClasses = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            double v = perClassValue[c];
            if (Double.isNaN(v)) {
                undefinedClasses.add(classes.get(c));
                continue;
            }
            if (Double.isNaN(best) || (takeMin ? v < best : v > best)) {
                best = v;
                bestClass = c;
            }
        }
        if (!undefinedClasses.isEmpty() && policy == UndefinedPolicy.PROPAGATE) {
            out[slot] = Double.NaN;
            reason(detail, slot, "undefined for classes " + undefinedClasses + " (" + why[classes.indexOf(undefinedClasses.get(0))] + ")");
            return -1;
        }
        out[slot] = best;
        if (Double.isNaN(best)) {
            reason(detail, slot, "undefined for every class (" + why[0] + ")");
            return -1;
        }
        if (detail != null && !excluded.isEmpty()) {
            excluded.get(bestClass).stream().filter(g -> !detail.excluded.get(slot).contains(g))
                    .forEach(detail.excluded.get(slot)::add);
        }
        return bestClass;
    }

    private static int[] choice(int metric, int c, int[] extremes) {
        return new int[] {metric, c, extremes[0], extremes[1]};
    }

    /**
     * The groups with the highest and lowest defined value, {high, low}, two different groups when two
     * are defined (on a tie the first highest and the first other lowest); {0, 0} when fewer are.
     */
    private static int[] extremes(double[] v) {
        int hi = -1;
        for (int g = 0; g < v.length; g++) {
            if (!Double.isNaN(v[g]) && (hi < 0 || v[g] > v[hi])) {
                hi = g;
            }
        }
        int lo = -1;
        for (int g = 0; g < v.length; g++) {
            if (g != hi && !Double.isNaN(v[g]) && (lo < 0 || v[g] < v[lo])) {
                lo = g;
            }
        }
        return hi < 0 || lo < 0 ? new int[] {0, 0} : new int[] {hi, lo};
    }

    /**
     * Fills {@code out} for one bootstrap replicate. The binary gaps keep the class and the pair of
     * groups the point estimate found extreme ({@code point.choices}) and take their signed
     * difference (or ratio) in the replicate: a max-minus-min over resampled data would be biased
     * upward and its percentile interval could miss the estimate altogether. So the interval may
     * reach below 0 (or above 1 for the ratio): the order of the two groups could reverse.
     */
    void replicate(long[][][] cm, double[] out, SheetDetail point) {
        compute(cm, out, null);
        if (groups.size() < 2) {
            return;
        }
        for (int which = DP; which <= EODDS; which++) {
            int[] ch = point.choices[which];
            if (ch == null) {
                out[layout.gap(which)] = Double.NaN;
                continue;
            }
            double high = out[layout.perClass(ch[2], ch[1], ch[0])];
            double low = out[layout.perClass(ch[3], ch[1], ch[0])];
            out[layout.gap(which)] = which == DI ? (high == 0 ? Double.NaN : low / high) : high - low;
        }
    }
}
