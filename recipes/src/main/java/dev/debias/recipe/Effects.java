package dev.debias.recipe;

import dev.debias.stats.Bootstrap;
import dev.debias.stats.EstimateFormat;
import dev.debias.stats.Estimate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The statistics of the readings: a cell's value pooled over seeds, the difference between two cells, a
 * least-squares slope, and a paired-bootstrap relative reduction. Each comes with a 95% interval and says
 * how it was computed: over seeds, a Student-t interval of their mean; from one run, the run's own
 * bootstrap interval (its standard error taken as the interval's width over 2 x 1.96).
 */
public final class Effects {
    private Effects() {}

    /**
     * A cell's measure: mean, standard error, degrees of freedom (infinite for one run's bootstrap), runs.
     *
     * @param estimate the mean with its 95% interval
     */
    public record Summary(double mean, double se, double df, int runs, Estimate estimate) {
        /** Whether the measure is defined in at least one run. */
        public boolean defined() {
            return !Double.isNaN(mean);
        }
    }

    /** Pools a measure over the runs (seeds) of one cell; undefined runs are left out. */
    public static Summary pool(List<Estimate> runs) {
        double[] v = runs.stream().filter(e -> e != null && e.isDefined()).mapToDouble(Estimate::value).toArray();
        if (v.length == 0) {
            String why = runs.stream().filter(e -> e != null && !e.isDefined()).map(Estimate::undefined).findFirst()
                    .orElse("not measured");
            return new Summary(Double.NaN, Double.NaN, Double.NaN, 0, Estimate.undefined(why));
        }
        if (v.length == 1) {
            Estimate e = runs.stream().filter(x -> x != null && x.isDefined()).findFirst().orElseThrow();
            double se = e.low() == null ? Double.NaN : (e.high() - e.low()) / (2 * 1.959964);
            return new Summary(e.value(), se, Double.POSITIVE_INFINITY, 1, e);
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double se = Math.sqrt(ss / (v.length - 1) / v.length);
        double t = t(v.length - 1);
        String note = v.length < runs.size() ? String.format(Locale.ROOT, "over the %d of %d runs that define it",
                v.length, runs.size()) : null;
        return new Summary(mean, se, v.length - 1, v.length, new Estimate(mean, mean - t * se, mean + t * se, note));
    }

    /**
     * {@code a} minus {@code b} with a 95% interval: Welch's t when both pool seeds, a normal interval when
     * both are single runs; undefined when either is, or when either has no interval.
     */
    public static Estimate difference(Summary a, Summary b) {
        if (!a.defined() || !b.defined()) {
            return Estimate.undefined("a side is undefined");
        }
        double d = a.mean() - b.mean();
        if (Double.isNaN(a.se()) || Double.isNaN(b.se())) {
            return new Estimate(d, null, null, "no interval: a side has none");
        }
        double va = a.se() * a.se();
        double vb = b.se() * b.se();
        double se = Math.sqrt(va + vb);
        double df;
        if (Double.isInfinite(a.df()) && Double.isInfinite(b.df())) {
            df = Double.POSITIVE_INFINITY;
        } else {
            double num = (va + vb) * (va + vb);
            double den = (Double.isInfinite(a.df()) ? 0 : va * va / a.df()) + (Double.isInfinite(b.df()) ? 0 : vb * vb / b.df());
            df = den == 0 ? Double.POSITIVE_INFINITY : num / den;
        }
        if (se == 0) {
            return new Estimate(d, d, d, null);
        }
        double t = t(df);
        return new Estimate(d, d - t * se, d + t * se, null);
    }

    /**
     * The least-squares slope of {@code y} on {@code x} with a 95% t interval (n - 2 degrees of freedom);
     * undefined with fewer than 3 points or one distinct x.
     */
    public static Estimate slope(double[] x, double[] y) {
        int n = x.length;
        if (n < 3) {
            return Estimate.undefined("a slope with an interval needs at least 3 runs, got " + n);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (sxx == 0) {
            return Estimate.undefined("every run has the same rate");
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - a - b * x[i];
            sse += r * r;
        }
        double se = Math.sqrt(sse / (n - 2) / sxx);
        double t = t(n - 2);
        return new Estimate(b, b - t * se, b + t * se, null);
    }

    /**
     * The two-sided p-value of the least-squares slope of {@code y} on {@code x} against 0, from its t
     * statistic with n - 2 degrees of freedom; NaN where {@link #slope} has no interval, and 0 for a
     * perfect fit with a non-zero slope.
     */
    public static double slopeP(double[] x, double[] y) {
        Estimate e = slope(x, y);
        if (!e.isDefined() || e.low() == null) {
            return Double.NaN;
        }
        double se = (e.high() - e.value()) / t(x.length - 2);
        if (se == 0) {
            return e.value() == 0 ? 1 : 0;
        }
        return 2 * new TDistribution(x.length - 2).cumulativeProbability(-Math.abs(e.value() / se));
    }

    /**
     * The relative reduction {@code 1 - mean(after) / mean(before)} of paired values, with a 95% percentile
     * bootstrap interval resampling pairs (seeded); undefined when the mean before is 0.
     */
    public static Estimate reduction(double[] before, double[] after, int replicates, long seed) {
        if (before.length != after.length || before.length == 0) {
            throw new IllegalArgumentException("reduction needs paired values, got " + before.length + " and " + after.length);
        }
        double r = reduction(before, after, null);
        if (Double.isNaN(r)) {
            return Estimate.undefined("the mean before is 0");
        }
        if (replicates < 1) {
            return new Estimate(r, null, null, "no bootstrap");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] reps = new double[replicates];
        int[] idx = new int[before.length];
        int m = 0;
        for (int k = 0; k < replicates; k++) {
            for (int i = 0; i < idx.length; i++) {
                idx[i] = rng.nextInt(idx.length);
            }
            double v = reduction(before, after, idx);
            if (!Double.isNaN(v)) {
                reps[m++] = v;
            }
        }
        double[] s = java.util.Arrays.copyOf(reps, m);
        java.util.Arrays.sort(s);
        if (m == 0) {
            return new Estimate(r, null, null, "every resample had a mean of 0 before");
        }
        return Bootstrap.interval(r, s);
    }

    private static double reduction(double[] before, double[] after, int[] idx) {
        double b = 0;
        double a = 0;
        int n = idx == null ? before.length : idx.length;
        for (int i = 0; i < n; i++) {
            int j = idx == null ? i : idx[i];
            b += before[j];
            a += after[j];
        }
        return b == 0 ? Double.NaN : 1 - a / b;
    }

    private static double t(double df) {
        return Double.isInfinite(df) ? 1.959964 : new TDistribution(df).inverseCumulativeProbability(0.975);
    }

    /** An estimate as {@code 0.123 [0.100, 0.150]}, or {@code undefined (why)}. */
    public static String format(Estimate e) {
        return EstimateFormat.FIXED_3.text(e);
    }

    /** Whether the interval of {@code e} excludes 0. */
    public static boolean clearOfZero(Estimate e) {
        return e != null && e.isDefined() && e.low() != null && (e.low() > 0 || e.high() < 0);
    }
}
