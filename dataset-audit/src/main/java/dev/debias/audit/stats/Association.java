package dev.debias.audit.stats;

/**
 * Association measures of a group and a target over units: pointwise mutual information, and the
 * log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008).
 */
public final class Association {
    private Association() {}

    /**
     * Pointwise mutual information in bits, {@code log2(P(g,t) / (P(g) P(t)))} = {@code
     * log2(both * units / (group * target))}; null when {@code both} is 0 (minus infinity).
     */
    public static Double pmi(long both, long group, long target, long units) {
        if (both == 0 || group == 0 || target == 0 || units == 0) {
            return null;
        }
        return Math.log((double) both * units / ((double) group * target)) / Math.log(2);
    }

    /**
     * The log-odds ratio of a target between two disjoint sets of units (a group's units and its
     * comparison units), smoothed by an informative prior, with its z-score. The prior adds
     * {@code strength * q} pseudo-units with the target and {@code strength * (1 - q)} without it to each
     * side, {@code q} being the target's rate over the whole corpus, so rare targets are shrunk toward no
     * difference; but never past the two sides' own rates: when the corpus rate lies outside them (both
     * sides above it, as when the comparison leaves out the many units of no group), {@code q} is the
     * nearer side's rate. Each side's smoothed rate is then a weighted mean of its own rate and {@code q},
     * which lies between the two rates, so the smoothed difference always has the sign of the raw one (0
     * when the rates are equal): a prior outside both would pull a tiny side (0 of 1) past the other and
     * turn the sign. Variance is the delta-method sum of the four inverse smoothed counts. Returns
     * {@code {delta, z}}, or null when a side has no units, the target never occurs or occurs in every unit
     * ({@code targetRate} not strictly between 0 and 1), or the strength is not positive.
     */
    public static double[] logOdds(long x1, long n1, long x2, long n2, double targetRate, double strength) {
        if (n1 == 0 || n2 == 0 || targetRate <= 0 || targetRate >= 1 || strength <= 0) {
            return null;
        }
        double r1 = (double) x1 / n1;
        double r2 = (double) x2 / n2;
        if (r1 == r2) {
            return new double[] {0, 0};      // the prior's rate is then theirs, and both sides stay at it
        }
        double q = Math.min(Math.max(targetRate, Math.min(r1, r2)), Math.max(r1, r2));
        double a = strength * q;
        double b = strength * (1 - q);
        double y1 = x1 + a;
        double m1 = n1 - x1 + b;
        double y2 = x2 + a;
        double m2 = n2 - x2 + b;
        double delta = Math.log(y1 / m1) - Math.log(y2 / m2);
        double variance = 1 / y1 + 1 / m1 + 1 / y2 + 1 / m2;
        return new double[] {delta, delta / Math.sqrt(variance)};
    }
}
