package dev.debias.audit.stats;

/**
 * The chi-squared distribution's upper tail, through the regularized incomplete gamma function
 * (series expansion below {@code a + 1}, Lentz's continued fraction above), accurate to about 1e-12.
 */
public final class ChiSquared {
    private static final double EPS = 1e-15;
    private static final int MAX_ITERATIONS = 10_000;

    private ChiSquared() {}

    /** P(X >= x) for X chi-squared with {@code df} degrees of freedom. */
    public static double survival(double x, int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + df);
        }
        if (x <= 0) {
            return 1;
        }
        return upperGamma(df / 2.0, x / 2.0);
    }

    /** The regularized upper incomplete gamma function Q(a, x). */
    static double upperGamma(double a, double x) {
        if (x < a + 1) {
            return 1 - lowerSeries(a, x);
        }
        return upperFraction(a, x);
    }

    private static double lowerSeries(double a, double x) {
        double term = 1 / a;
        double sum = term;
        for (int n = 1; n < MAX_ITERATIONS; n++) {
            term *= x / (a + n);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPS) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
    }

    private static double upperFraction(double a, double x) {
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
    }

    /** ln Gamma(x) for x > 0 (Lanczos approximation, g = 7, n = 9). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        double xx = x - 1;
        double sum = c[0];
        for (int i = 1; i < 9; i++) {
            sum += c[i] / (xx + i);
        }
        double t = xx + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
