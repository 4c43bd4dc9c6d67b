package dev.debias.evaluate.group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every metric and gap of a grouping as one flat vector computed from per-group confusion matrices,
 * so the point estimate and each bootstrap replicate run the same code. NaN marks an undefined value;
 * the point estimate also records why ({@link Detail}).
 */
final class MetricSheet {
    static final int ACCURACY = 0;
    static final int MACRO_F1 = 1;
    static final int SELECTION_POSITIVE = 2;
    static final int TPR = 0;
    static final int FPR = 1;
    static final int PRECISION = 2;
    static final int SELECTION = 3;
    static final int DP = 0;
    static final int DI = 1;
    static final int EO = 2;
    static final int EODDS = 3;

    private final List<String> groups;
    private final List<String> classes;
    private final int k;
    private final int positive;
    private final int gapA;
    private final int gapB;
    private final double[] trainShare;
    private final UndefinedPolicy policy;
    private final int perScope;

    /** Reasons for undefined values and groups left out of gaps, filled for the point estimate. */
    static final class Detail {
        final String[] reasons;
        final List<List<String>> excluded;
        /**
         * Per binary gap (DP, DI, EO, EODDS): the metric, class and the groups that are highest and
         * lowest in the data, {metric, class, high, low}; null where the gap is undefined.
         */
        final int[][] choices = new int[4][];

        Detail(int slots) {
            reasons = new String[slots];
            excluded = new ArrayList<>();
            for (int i = 0; i < slots; i++) {
                excluded.add(new ArrayList<>());
            }
        }
    }

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
        this.gapA = gapA;
        this.gapB = gapB;
        this.trainShare = trainShare;
        this.policy = policy;
        this.perScope = 3 + 4 * k;
    }

    int slots() {
        return (groups.size() + 1) * perScope + 6 + k;
    }

    /** Slot of a scope metric; scope {@code groups.size()} is overall. */
    int scope(int scope, int metric) {
        return scope * perScope + metric;
    }

    int perClass(int scope, int c, int metric) {
        return scope * perScope + 3 + 4 * c + metric;
    }

    int gap(int which) {
        return (groups.size() + 1) * perScope + which;
    }

    int tprGap(int c) {
        return gap(4 + c);
    }

    int gapRms() {
        return gap(4 + k);
    }

    int correlation() {
        return gap(5 + k);
    }

    /** Fills {@code out} from {@code cm[group][true][predicted]}; {@code detail} may be null. */
    void compute(long[][][] cm, double[] out, Detail detail) {
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
            for (int i = gap(0); i < slots(); i++) {
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
        classGaps(out, detail);
    }

    private void scopeMetrics(int s, long[][] cm, double[] out, Detail detail) {
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
            for (int i = scope(s, 0); i < scope(s, 0) + perScope; i++) {
                out[i] = Double.NaN;
                reason(detail, i, "no records" + where);
            }
            return;
        }
        out[scope(s, ACCURACY)] = (double) correct / n;
        double f1 = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            long tp = cm[c][c];
            if (support[c] > 0 || predicted[c] > 0) {
                f1 += 2.0 * tp / (support[c] + predicted[c]);
                present++;
            }
            String label = "'" + classes.get(c) + "'";
            out[perClass(s, c, TPR)] = ratio(tp, support[c], detail, perClass(s, c, TPR), "no records labelled " + label + where);
            out[perClass(s, c, FPR)] = ratio(predicted[c] - tp, n - support[c], detail, perClass(s, c, FPR),
                    "every record" + where + " is labelled " + label);
            out[perClass(s, c, PRECISION)] = ratio(tp, predicted[c], detail, perClass(s, c, PRECISION),
                    "never predicted " + label + where);
            out[perClass(s, c, SELECTION)] = (double) predicted[c] / n;
        }
        out[scope(s, MACRO_F1)] = f1 / present;
        if (positive >= 0) {
            out[scope(s, SELECTION_POSITIVE)] = (double) predicted[positive] / n;
        } else {
            out[scope(s, SELECTION_POSITIVE)] = Double.NaN;
            reason(detail, scope(s, SELECTION_POSITIVE), "no positive label named; see the per-class selection rates");
        }
    }

    private static double ratio(long num, long den, Detail detail, int slot, String why) {
        if (den == 0) {
            reason(detail, slot, why);
            return Double.NaN;
        }
        return (double) num / den;
    }

    private double[] column(int c, int metric, double[] out) {
        double[] v = new double[groups.size()];
        for (int g = 0; g < v.length; g++) {
            v[g] = out[perClass(g, c, metric)];
        }
        return v;
    }

    /** Max minus min over groups under the policy; {@code excluded} gets the groups left out. */
    private double range(double[] v, int c, int metric, List<String> excluded, String[] why, Detail detail, double[] out) {
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
                    + (detail == null ? "" : " (" + detail.reasons[perClass(groups.indexOf(undefined.get(0)), c, metric)] + ")");
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
            Detail detail, boolean takeMin) {
        int slot = gap(which);
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
    void replicate(long[][][] cm, double[] out, Detail point) {
        compute(cm, out, null);
        if (groups.size() < 2) {
            return;
        }
        for (int which = DP; which <= EODDS; which++) {
            int[] ch = point.choices[which];
            if (ch == null) {
                out[gap(which)] = Double.NaN;
                continue;
            }
            double high = out[perClass(ch[2], ch[1], ch[0])];
            double low = out[perClass(ch[3], ch[1], ch[0])];
            out[gap(which)] = which == DI ? (high == 0 ? Double.NaN : low / high) : high - low;
        }
    }

    private void classGaps(double[] out, Detail detail) {
        if (gapA < 0) {
            for (int i = tprGap(0); i < slots(); i++) {
                out[i] = Double.NaN;
                reason(detail, i, "no two groups named to compare (--gap-groups)");
            }
            return;
        }
        double sumSq = 0;
        int defined = 0;
        List<String> undefined = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            double a = out[perClass(gapA, c, TPR)];
            double b = out[perClass(gapB, c, TPR)];
            int slot = tprGap(c);
            if (Double.isNaN(a) || Double.isNaN(b)) {
                out[slot] = Double.NaN;
                if (detail != null) {
                    int g = Double.isNaN(a) ? gapA : gapB;
                    reason(detail, slot, detail.reasons[perClass(g, c, TPR)]);
                }
                undefined.add(classes.get(c));
                continue;
            }
            out[slot] = a - b;
            sumSq += (a - b) * (a - b);
            defined++;
        }
        if (defined == 0 || (!undefined.isEmpty() && policy == UndefinedPolicy.PROPAGATE)) {
            out[gapRms()] = Double.NaN;
            reason(detail, gapRms(), defined == 0 ? "the TPR gap is undefined for every class"
                    : "the TPR gap is undefined for classes " + undefined);
        } else {
            out[gapRms()] = Math.sqrt(sumSq / defined);
            if (detail != null && !undefined.isEmpty()) {
                detail.excluded.get(gapRms()).addAll(undefined.stream().map(c -> "class " + c).toList());
            }
        }
        if (!undefined.isEmpty() && policy == UndefinedPolicy.PROPAGATE) {
            out[correlation()] = Double.NaN;
            reason(detail, correlation(), "the TPR gap is undefined for classes " + undefined);
        } else {
            out[correlation()] = correlation(out, detail);
        }
    }

    private double correlation(double[] out, Detail detail) {
        if (trainShare == null) {
            reason(detail, correlation(), "no training file given (--train)");
            return Double.NaN;
        }
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int c = 0; c < k; c++) {
            if (!Double.isNaN(out[tprGap(c)]) && !Double.isNaN(trainShare[c])) {
                sx += out[tprGap(c)];
                sy += trainShare[c];
                n++;
            }
        }
        if (n < 3) {
            reason(detail, correlation(), String.format(Locale.ROOT,
                    "needs at least 3 classes with a defined TPR gap and training examples; %d have", n));
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double cov = 0;
        double vx = 0;
        double vy = 0;
        for (int c = 0; c < k; c++) {
            if (!Double.isNaN(out[tprGap(c)]) && !Double.isNaN(trainShare[c])) {
                double dx = out[tprGap(c)] - mx;
                double dy = trainShare[c] - my;
                cov += dx * dy;
                vx += dx * dx;
                vy += dy * dy;
            }
        }
        if (vx == 0 || vy == 0) {
            reason(detail, correlation(), vx == 0 ? "the TPR gap is the same for every class"
                    : "the training share is the same for every class");
            return Double.NaN;
        }
        return cov / Math.sqrt(vx * vy);
    }

    private static void reason(Detail detail, int slot, String why) {
        if (detail != null && detail.reasons[slot] == null) {
            detail.reasons[slot] = why;
        }
    }
}
