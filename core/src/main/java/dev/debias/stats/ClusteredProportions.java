package dev.debias.stats;

import java.util.Arrays;

/**
 * Rates and their comparisons when the units (sentences, windows) come in clusters (documents) whose
 * units are not independent. Every statistic is a ratio estimator {@code p = sum x / sum n} over
 * clusters; its variance is the cluster-robust Taylor-linearised one (Binder 1983; Wolter 2007, ch. 6)
 * {@code V = C / (C - 1) * sum_i e_i^2} with residual {@code e_i = (x_i - p n_i) / N}, and its Kish
 * design effect {@code deff = V / V_srs} (floored at 1) turns the independent-units interval into the
 * clustered one by shrinking the counts to effective counts {@code (x / deff, n / deff)}: Wilson for a
 * rate, Newcombe for a difference (both sides divided by the difference's deff), Katz for a ratio (its
 * log variance multiplied by the log ratio's deff), and a G statistic divided by the deff (the first-order
 * Rao and Scott 1984 correction).
 *
 * <p>The counts of a cluster are a vector {@code v_i} of variables (for the audit: units with the
 * target in each side, and units of each side); a numerator or denominator is a coefficient vector over
 * them, so every residual is {@code c . v_i} and {@code sum_i e_i^2 = c' P c} with {@code P} the sums of
 * products of {@link Moments}. A difference uses {@code e_A - e_B}, which carries the covariance of the
 * two sides when a cluster has units on both.
 */
public final class ClusteredProportions {
    private ClusteredProportions() {}

    /**
     * Sums over clusters of a vector of per-cluster counts and of its pairwise products.
     *
     * @param clusters the number of clusters C (all clusters of the sample, those with no unit of a side
     *     included: the residuals of a subpopulation are 0 outside it)
     * @param sums {@code sums[a] = sum_i v_i[a]}
     * @param products {@code products[a][b] = sum_i v_i[a] v_i[b]}, symmetric
     */
    public record Moments(long clusters, double[] sums, double[][] products) {
        public Moments {
            int d = sums.length;
            if (products.length != d) {
                throw new IllegalArgumentException("products has " + products.length + " rows, expected " + d);
            }
            sums = sums.clone();
            double[][] copy = new double[d][];
            for (int a = 0; a < d; a++) {
                if (products[a].length != d) {
                    throw new IllegalArgumentException("products[" + a + "] has " + products[a].length + " entries");
                }
                copy[a] = products[a].clone();
            }
            products = copy;
        }

        /** The moments of per-cluster count vectors {@code perCluster[i][a]}. */
        public static Moments of(double[][] perCluster) {
            int d = perCluster.length == 0 ? 0 : perCluster[0].length;
            double[] s = new double[d];
            double[][] p = new double[d][d];
            for (double[] v : perCluster) {
                for (int a = 0; a < d; a++) {
                    s[a] += v[a];
                    for (int b = 0; b < d; b++) {
                        p[a][b] += v[a] * v[b];
                    }
                }
            }
            return new Moments(perCluster.length, s, p);
        }

        /** The sum of a linear combination of the variables, {@code c . sums}. */
        public double sum(double[] c) {
            double s = 0;
            for (int a = 0; a < sums.length; a++) {
                s += c[a] * sums[a];
            }
            return s;
        }

        /** {@code sum_i (c . v_i)^2 = c' P c}. */
        double square(double[] c) {
            double s = 0;
            for (int a = 0; a < sums.length; a++) {
                if (c[a] == 0) {
                    continue;
                }
                for (int b = 0; b < sums.length; b++) {
                    s += c[a] * c[b] * products[a][b];
                }
            }
            return s;
        }

        /** The cluster-robust variance of a linearised statistic whose residual is {@code c . v_i}. */
        double variance(double[] c) {
            if (clusters < 2) {
                return Double.NaN;
            }
            return (double) clusters / (clusters - 1) * Math.max(0, square(c));
        }
    }

    /** The design effect of the rate {@code (x . v) / (n . v)}; 1 when it cannot be estimated. */
    public static double rateDeff(Moments m, double[] x, double[] n) {
        double sx = m.sum(x);
        double sn = m.sum(n);
        if (sn <= 0) {
            return 1;
        }
        double p = sx / sn;
        double srs = p * (1 - p) / sn;
        return deff(m.variance(residual(x, n, p, sn)), srs);
    }

    /** The design effect of the difference of rates {@code xA/nA - xB/nB}; 1 when it cannot be estimated. */
    public static double differenceDeff(Moments m, double[] xA, double[] nA, double[] xB, double[] nB) {
        double sa = m.sum(nA);
        double sb = m.sum(nB);
        if (sa <= 0 || sb <= 0) {
            return 1;
        }
        double pa = m.sum(xA) / sa;
        double pb = m.sum(xB) / sb;
        double srs = pa * (1 - pa) / sa + pb * (1 - pb) / sb;
        return deff(m.variance(minus(residual(xA, nA, pa, sa), residual(xB, nB, pb, sb))), srs);
    }

    /** The design effect of the log ratio of rates {@code log(xA/nA) - log(xB/nB)}; 1 when it cannot be estimated. */
    public static double logRatioDeff(Moments m, double[] xA, double[] nA, double[] xB, double[] nB) {
        double sa = m.sum(nA);
        double sb = m.sum(nB);
        double ta = m.sum(xA);
        double tb = m.sum(xB);
        if (sa <= 0 || sb <= 0 || ta <= 0 || tb <= 0) {
            return 1;
        }
        double pa = ta / sa;
        double pb = tb / sb;
        // Katz: Var log(pA) ~ (1 - pA) / xA; the residual of log(pA) is (x - pA n) / xA
        double srs = (1 - pa) / ta + (1 - pb) / tb;
        return deff(m.variance(minus(residual(xA, nA, pa, ta), residual(xB, nB, pb, tb))), srs);
    }

    /** The rate {@code x / n} with the Wilson interval at effective counts {@code (x / deff, n / deff)}. */
    public static Estimate wilson(long x, long n, double deff) {
        if (deff == 1 || n == 0) {
            return Proportions.wilson(x, n);
        }
        Estimate e = Proportions.wilson(x / deff, n / deff);
        return Estimate.of((double) x / n, e.low(), e.high());
    }

    /** The difference {@code x1/n1 - x2/n2} with Newcombe's interval, both sides divided by {@code deff}. */
    public static Estimate difference(long x1, long n1, long x2, long n2, double deff) {
        if (deff == 1 || n1 == 0 || n2 == 0) {
            return Proportions.difference(x1, n1, x2, n2);
        }
        Estimate e = Proportions.difference(x1 / deff, n1 / deff, x2 / deff, n2 / deff);
        return Estimate.of((double) x1 / n1 - (double) x2 / n2, e.low(), e.high());
    }

    /** The ratio {@code (x1/n1) / (x2/n2)} with the Katz log interval, its variance multiplied by {@code deff}. */
    public static Estimate ratio(long x1, long n1, long x2, long n2, double deff) {
        Estimate e = Proportions.ratio(x1, n1, x2, n2);
        if (deff == 1 || e.low() == null) {
            return e;
        }
        double lr = Math.log(e.value());
        double half = (Math.log(e.high()) - lr) * Math.sqrt(deff);
        return Estimate.of(e.value(), Math.exp(lr - half), Math.exp(lr + half));
    }

    /**
     * The base-rate difference {@code P(t | g) - P(t)}, {@code P(t)} over all units, which is exactly
     * {@code (1 - ng / N) * (P(t | g) - P(t | not g))}: the Newcombe interval of the group against its
     * complement (at design effect {@code deff}) scaled by {@code 1 - ng / N}.
     */
    public static Estimate baseDifference(long xg, long ng, long xc, long nc, double deff) {
        Estimate d = difference(xg, ng, xc, nc, deff);
        if (!d.isDefined()) {
            return ng == 0 ? d : Estimate.undefined("every unit holds the group: no base rate apart from it");
        }
        double scale = 1 - (double) ng / (ng + nc);
        double value = (double) xg / ng - (double) (xg + xc) / (ng + nc);
        return Estimate.of(value, Math.min(value, scale * d.low()), Math.max(value, scale * d.high()));
    }

    private static double deff(double v, double srs) {
        if (!(srs > 0) || Double.isNaN(v)) {
            return 1;
        }
        return Math.max(1, v / srs);
    }

    private static double[] residual(double[] x, double[] n, double p, double scale) {
        double[] c = new double[x.length];
        for (int a = 0; a < c.length; a++) {
            c[a] = (x[a] - p * n[a]) / scale;
        }
        return c;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length);
        for (int i = 0; i < c.length; i++) {
            c[i] -= b[i];
        }
        return c;
    }
}
