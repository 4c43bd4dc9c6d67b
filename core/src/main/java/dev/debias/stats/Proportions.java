package dev.debias.stats;

/**
 * Rates and their comparisons with closed-form 95% intervals: Wilson score intervals for a rate,
 * Newcombe's hybrid score interval (method 10 of Newcombe 1998, built from the two Wilson intervals)
 * for a difference of rates, and the Katz log interval for a ratio of rates.
 */
public final class Proportions {
    /** The standard normal quantile for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    private Proportions() {}

    /** The rate {@code x / n} with its Wilson score interval; undefined when {@code n} is 0. */
    public static Estimate wilson(long x, long n) {
        check(x, n);
        if (n == 0) {
            return Estimate.undefined("no units in the denominator");
        }
        double[] ci = wilsonInterval(x, n);
        return Estimate.of((double) x / n, ci[0], ci[1]);
    }

    /**
     * The rate {@code x / n} of effective (possibly non-integer) counts with its Wilson score
     * interval, as for a design-effect corrected rate {@code (x / deff, n / deff)}; undefined when
     * {@code n} is 0.
     */
    public static Estimate wilson(double x, double n) {
        check(x, n);
        if (n == 0) {
            return Estimate.undefined("no units in the denominator");
        }
        double[] ci = wilsonInterval(x, n);
        return Estimate.of(x / n, ci[0], ci[1]);
    }

    static double[] wilsonInterval(long x, long n) {
        return wilsonInterval((double) x, (double) n);
    }

    static double[] wilsonInterval(double x, double n) {
        double p = x / n;
        double z2 = Z95 * Z95;
        double denom = 1 + z2 / n;
        double center = (p + z2 / (2.0 * n)) / denom;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
        // The score equation's roots are exactly 0 at x = 0 and 1 at x = n; rounding in center - half
        // would otherwise leave a bound a few ulps inside, excluding the point estimate.
        double low = x == 0 ? 0 : Math.max(0, center - half);
        double high = x == n ? 1 : Math.min(1, center + half);
        return new double[] {low, high};
    }

    /**
     * The difference of rates {@code x1/n1 - x2/n2} with Newcombe's hybrid score interval; undefined
     * when either denominator is 0.
     */
    public static Estimate difference(long x1, long n1, long x2, long n2) {
        check(x1, n1);
        check(x2, n2);
        return difference((double) x1, (double) n1, (double) x2, (double) n2);
    }

    /**
     * As {@link #difference(long, long, long, long)} for effective (possibly non-integer) counts, as
     * for design-effect corrected sides {@code (x / deff, n / deff)}.
     */
    public static Estimate difference(double x1, double n1, double x2, double n2) {
        check(x1, n1);
        check(x2, n2);
        if (n1 == 0 || n2 == 0) {
            return Estimate.undefined(n1 == 0 ? "no units in the first group" : "no units in the comparison group");
        }
        double p1 = x1 / n1;
        double p2 = x2 / n2;
        double[] c1 = wilsonInterval(x1, n1);
        double[] c2 = wilsonInterval(x2, n2);
        double d = p1 - p2;
        double low = d - Math.sqrt(sq(p1 - c1[0]) + sq(c2[1] - p2));
        double high = d + Math.sqrt(sq(c1[1] - p1) + sq(p2 - c2[0]));
        return Estimate.of(d, low, high);
    }

    /**
     * The ratio of rates {@code (x1/n1) / (x2/n2)} with the Katz log interval. Undefined when a
     * denominator is 0 or the second rate is 0; a ratio of 0 (no events in the first group) has no
     * interval.
     */
    public static Estimate ratio(long x1, long n1, long x2, long n2) {
        check(x1, n1);
        check(x2, n2);
        if (n1 == 0 || n2 == 0) {
            return Estimate.undefined(n1 == 0 ? "no units in the first group" : "no units in the comparison group");
        }
        if (x2 == 0) {
            return Estimate.undefined("the comparison group's rate is 0");
        }
        double r = ((double) x1 / n1) / ((double) x2 / n2);
        if (x1 == 0) {
            return new Estimate(0.0, null, null, "no interval: the first group's rate is 0");
        }
        double se = Math.sqrt(1.0 / x1 - 1.0 / n1 + 1.0 / x2 - 1.0 / n2);
        double lr = Math.log(r);
        return Estimate.of(r, Math.exp(lr - Z95 * se), Math.exp(lr + Z95 * se));
    }

    private static double sq(double v) {
        return v * v;
    }

    private static void check(double x, double n) {
        if (!(x >= 0) || !(n >= 0) || x > n || Double.isInfinite(n)) {
            throw new IllegalArgumentException("invalid count " + x + " of " + n);
        }
    }

    private static void check(long x, long n) {
        if (x < 0 || n < 0 || x > n) {
            throw new IllegalArgumentException("invalid count " + x + " of " + n);
        }
    }
}
