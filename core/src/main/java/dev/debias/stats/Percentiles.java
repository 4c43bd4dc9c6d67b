package dev.debias.stats;

/**
 * The one percentile definition of debias: every bootstrap interval takes its bounds from
 * {@link #of}. It is definition 7 of Hyndman and Fan, "Sample quantiles in statistical packages",
 * The American Statistician 50(4), 1996, pp. 361-365: with {@code n} sorted values
 * {@code x[0] <= ... <= x[n-1]} and {@code h = (n - 1) p}, the {@code p} percentile is
 * {@code x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)])}, a linear interpolation between
 * the two order statistics around position {@code h}. It is the default of R's {@code quantile} and of
 * NumPy's {@code percentile} ({@code method="linear"}); {@code p = 0} gives the minimum, {@code p = 1}
 * the maximum, and a single value is its own percentile for every {@code p}.
 */
public final class Percentiles {
    private Percentiles() {}

    /**
     * The {@code p} percentile (a fraction in [0, 1]) of {@code sorted}, which must be sorted in
     * ascending order and hold no NaN; see the class comment for the definition.
     *
     * @throws IllegalArgumentException when {@code sorted} is empty or {@code p} lies outside [0, 1]
     */
    public static double of(double[] sorted, double p) {
        if (sorted.length == 0 || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a percentile needs values and p in [0, 1]; got " + sorted.length
                    + " values and p = " + p);
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
