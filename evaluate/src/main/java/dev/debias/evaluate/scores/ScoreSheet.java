package dev.debias.evaluate.scores;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The threshold-free and calibration values of one positive class under one grouping, computed from record
 * weights (1 each for the data, draw counts for a bootstrap replicate) in one pass over the records sorted
 * once by score, so a replicate costs O(n + groups x bins). Undefined values are NaN.
 *
 * <p>Every AUC is the Mann-Whitney statistic: the share of (positive, negative) pairs in which the positive
 * scores higher, a tie counting one half. The subgroup AUC pairs the group's positives with its negatives, BPSN
 * (background positive, subgroup negative) the other groups' positives with the group's negatives, BNSP the
 * group's positives with the other groups' negatives (Borkan et al. 2019). The expected calibration error of a
 * set of records is {@code sum over bins |sum of p - number of positives| / records}, equal-width bins over
 * [0, 1] (a score of exactly 1 falls in the last); the calibration difference is
 * {@code (sum of p - number of positives) / records}, mean predicted minus observed rate.
 */
final class ScoreSheet {
    static final int OVERALL_AUC = 0;
    static final int OVERALL_ECE = 1;
    static final int OVERALL_CALIBRATION = 2;
    static final int AUC = 0;
    static final int BPSN = 1;
    static final int BNSP = 2;
    static final int ECE = 3;
    static final int CALIBRATION = 4;
    private static final int PER_GROUP = 5;
    private static final int HEAD = 3;

    private final double[] score;
    private final boolean[] positive;
    private final int[] group;
    private final int groups;
    private final int bins;
    private final int[] order;
    /** blockEnd[j] is the end (exclusive) in {@link #order} of the block of equal scores that position j starts. */
    private final int[] blockEnd;
    private final int[] bin;

    ScoreSheet(double[] score, boolean[] positive, int[] group, int groups, int bins) {
        this.score = score.clone();
        this.positive = positive.clone();
        this.group = group.clone();
        this.groups = groups;
        this.bins = bins;
        int n = score.length;
        this.order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> this.score[i]))
                .mapToInt(Integer::intValue).toArray();
        this.blockEnd = new int[n];
        for (int j = 0; j < n; ) {
            int e = j + 1;
            while (e < n && score[order[e]] == score[order[j]]) {
                e++;
            }
            blockEnd[j] = e;
            j = e;
        }
        this.bin = new int[n];
        for (int i = 0; i < n; i++) {
            bin[i] = Math.min((int) Math.floor(score[i] * bins), bins - 1);
        }
    }

    /** The number of values {@link #compute} writes. */
    int slots() {
        return HEAD + PER_GROUP * groups;
    }

    /** The slot of measure {@code m} ({@link #AUC} ... {@link #CALIBRATION}) of group {@code g}. */
    static int slot(int g, int m) {
        return HEAD + PER_GROUP * g + m;
    }

    /** Fills {@code out} ({@link #slots} long) from the weight of each record. */
    void compute(int[] weight, double[] out) {
        int n = score.length;
        double[] pos = new double[groups];
        double[] neg = new double[groups];
        // bins of each group, then the overall bins
        double[] binP = new double[(groups + 1) * bins];
        double[] binY = new double[(groups + 1) * bins];
        double[] sumP = new double[groups];
        for (int i = 0; i < n; i++) {
            int w = weight[i];
            if (w == 0) {
                continue;
            }
            int g = group[i];
            double y = positive[i] ? w : 0;
            if (positive[i]) {
                pos[g] += w;
            } else {
                neg[g] += w;
            }
            sumP[g] += w * score[i];
            binP[g * bins + bin[i]] += w * score[i];
            binY[g * bins + bin[i]] += y;
            binP[groups * bins + bin[i]] += w * score[i];
            binY[groups * bins + bin[i]] += y;
        }
        double totalPos = 0;
        double totalNeg = 0;
        double totalP = 0;
        for (int g = 0; g < groups; g++) {
            totalPos += pos[g];
            totalNeg += neg[g];
            totalP += sumP[g];
        }
        double[] posBelow = new double[groups];
        double[] negBelow = new double[groups];
        double[] posBlock = new double[groups];
        double[] negBlock = new double[groups];
        double[] sub = new double[groups];
        double[] bpsn = new double[groups];
        double[] bnsp = new double[groups];
        int[] touched = new int[groups];
        boolean[] isTouched = new boolean[groups];
        double allBelowPos = 0;
        double allBelowNeg = 0;
        double overall = 0;
        for (int j = 0; j < n; ) {
            int end = blockEnd[j];
            int t = 0;
            double blockPos = 0;
            double blockNeg = 0;
            for (int q = j; q < end; q++) {
                int i = order[q];
                int w = weight[i];
                if (w == 0) {
                    continue;
                }
                int g = group[i];
                if (!isTouched[g]) {
                    isTouched[g] = true;
                    touched[t++] = g;
                }
                if (positive[i]) {
                    posBlock[g] += w;
                    blockPos += w;
                } else {
                    negBlock[g] += w;
                    blockNeg += w;
                }
            }
            overall += blockPos * (allBelowNeg + 0.5 * blockNeg);
            for (int x = 0; x < t; x++) {
                int g = touched[x];
                sub[g] += posBlock[g] * (negBelow[g] + 0.5 * negBlock[g]);
                bnsp[g] += posBlock[g] * ((allBelowNeg - negBelow[g]) + 0.5 * (blockNeg - negBlock[g]));
                double backgroundAbove = (totalPos - pos[g]) - (allBelowPos - posBelow[g]) - (blockPos - posBlock[g]);
                bpsn[g] += negBlock[g] * (backgroundAbove + 0.5 * (blockPos - posBlock[g]));
                posBelow[g] += posBlock[g];
                negBelow[g] += negBlock[g];
                posBlock[g] = 0;
                negBlock[g] = 0;
                isTouched[g] = false;
            }
            allBelowPos += blockPos;
            allBelowNeg += blockNeg;
            j = end;
        }
        Arrays.fill(out, Double.NaN);
        out[OVERALL_AUC] = ratio(overall, totalPos * totalNeg);
        double total = totalPos + totalNeg;
        out[OVERALL_ECE] = ece(binP, binY, groups, total);
        out[OVERALL_CALIBRATION] = total == 0 ? Double.NaN : (totalP - totalPos) / total;
        for (int g = 0; g < groups; g++) {
            double size = pos[g] + neg[g];
            out[slot(g, AUC)] = ratio(sub[g], pos[g] * neg[g]);
            out[slot(g, BPSN)] = ratio(bpsn[g], (totalPos - pos[g]) * neg[g]);
            out[slot(g, BNSP)] = ratio(bnsp[g], pos[g] * (totalNeg - neg[g]));
            out[slot(g, ECE)] = ece(binP, binY, g, size);
            out[slot(g, CALIBRATION)] = size == 0 ? Double.NaN : (sumP[g] - pos[g]) / size;
        }
    }

    private double ece(double[] binP, double[] binY, int g, double size) {
        if (size == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int b = 0; b < bins; b++) {
            s += Math.abs(binP[g * bins + b] - binY[g * bins + b]);
        }
        return s / size;
    }

    private static double ratio(double pairs, double all) {
        return all == 0 ? Double.NaN : pairs / all;
    }
}
