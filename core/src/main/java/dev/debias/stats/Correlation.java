package dev.debias.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Pearson's and Spearman's correlation of paired values, and their 95% intervals by the percentile
 * bootstrap over pairs (Efron and Tibshirani, An Introduction to the Bootstrap, 1993, ch. 13; resampling
 * pairs, not each variable, keeps their dependence). Spearman's coefficient is Pearson's on the ranks,
 * ties sharing their mean rank (Spearman 1904; the tie rule of Kendall, Rank Correlation Methods, 1948).
 * A correlation is undefined (NaN from the point functions, {@link Estimate#undefined} from the interval
 * functions, with the reason) when fewer than two pairs are given or either variable is constant. The
 * interval's coverage is checked by simulation in {@code CorrelationTest}.
 */
public final class Correlation {
    private Correlation() {}

    /** Pearson's correlation of {@code x} and {@code y} (same length); NaN when undefined. */
    public static double pearson(double[] x, double[] y) {
        check(x, y);
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /** Spearman's rank correlation of {@code x} and {@code y}; NaN when undefined. */
    public static double spearman(double[] x, double[] y) {
        check(x, y);
        return pearson(ranks(x), ranks(y));
    }

    /** The 1-based ranks of {@code v}, ties sharing the mean of the ranks they span. */
    public static double[] ranks(double[] v) {
        Integer[] order = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] r = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = mean;
            }
            i = j + 1;
        }
        return r;
    }

    /** Pearson's correlation with its bootstrap interval; see {@link #interval}. */
    public static Estimate pearsonInterval(double[] x, double[] y, int replicates, long seed) {
        return interval(x, y, replicates, seed, false);
    }

    /** Spearman's correlation with its bootstrap interval; see {@link #interval}. */
    public static Estimate spearmanInterval(double[] x, double[] y, int replicates, long seed) {
        return interval(x, y, replicates, seed, true);
    }

    /**
     * The correlation with a 95% percentile interval from {@code replicates} resamples of the pairs drawn
     * from {@code seed} (0 replicates: no interval). A resample in which a variable is constant has no
     * correlation and is drawn again (its count is bounded; such resamples are rare unless almost every
     * value is equal). Same seed, same interval.
     */
    static Estimate interval(double[] x, double[] y, int replicates, long seed, boolean ranked) {
        check(x, y);
        if (replicates < 0) {
            throw new IllegalArgumentException("replicates must be >= 0, not " + replicates);
        }
        double value = ranked ? spearman(x, y) : pearson(x, y);
        if (Double.isNaN(value)) {
            return Estimate.undefined(x.length < 2 ? "fewer than two pairs"
                    : "one of the two variables is constant, so it has no correlation");
        }
        if (replicates == 0) {
            return new Estimate(value, null, null, "no interval: bootstrap off");
        }
        int n = x.length;
        double[] reps = new double[replicates];
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[] bx = new double[n];
        double[] by = new double[n];
        int redraws = 0;
        for (int b = 0; b < replicates; b++) {
            double r;
            do {
                for (int i = 0; i < n; i++) {
                    int k = random.nextInt(n);
                    bx[i] = x[k];
                    by[i] = y[k];
                }
                r = ranked ? spearman(bx, by) : pearson(bx, by);
            } while (Double.isNaN(r) && ++redraws < 10 * replicates);
            if (Double.isNaN(r)) {
                return new Estimate(value, null, null, "no interval: almost every resample has a constant variable");
            }
            reps[b] = r;
        }
        Arrays.sort(reps);
        return Bootstrap.interval(value, reps);
    }

    private static void check(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired values need equal lengths, not " + x.length + " and " + y.length);
        }
    }
}
