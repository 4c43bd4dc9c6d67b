package dev.debias.evaluate.group;

import dev.debias.stats.Estimate;
import dev.debias.stats.Percentiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The 95% interval of a gap that is a maximum over several signed differences (max minus min over
 * three or more groups, the worst of several classes, the larger of the TPR and FPR gaps), from
 * simultaneous intervals of every difference in the family: with {@code c} the 95th percentile of the
 * bootstrap max-modulus statistic {@code max |d*_j - d_j| / se_j} (Davison and Hinkley, Bootstrap
 * Methods and their Application, 1997, sec. 4.2.5 and 5.3), each {@code d_j +- c se_j} covers jointly
 * with probability 0.95, and then the largest true difference lies in
 * {@code [max(0, max_j |d_j| - c se_j), max_j |d_j| + c se_j]}. A percentile interval of the
 * difference between the groups that came out extreme would miss a true gap of 0 about one time in
 * eight with three equal groups (the extreme pair is chosen by the noise); this interval covers at
 * least 95% asymptotically, exactly so when the groups are equal and more when one pair is far
 * ahead of the rest.
 */
final class RangeInterval {
    private RangeInterval() {}

    /** Whether a family of {@code members} differences needs this interval rather than the plain one. */
    static boolean needed(int members) {
        return members > 1;
    }

    /**
     * @param value the gap's point estimate, {@code max_j |d_j|}
     * @param point the point-estimate vector of the sheet
     * @param replicates the bootstrap vectors
     * @param family per difference {slot a, slot b}: the difference is {@code v[a] - v[b]}
     * @param minDefinedShare the least share of replicates that must define the statistic
     */
    static Estimate of(double value, double[] point, double[][] replicates, List<int[]> family, double minDefinedShare) {
        int m = family.size();
        double[] d = new double[m];
        double[] se = new double[m];
        for (int j = 0; j < m; j++) {
            int[] ab = family.get(j);
            d[j] = point[ab[0]] - point[ab[1]];
            double sum = 0;
            double sumSq = 0;
            int n = 0;
            for (double[] row : replicates) {
                double x = row[ab[0]] - row[ab[1]];
                if (!Double.isNaN(x)) {
                    sum += x;
                    sumSq += x * x;
                    n++;
                }
            }
            double mean = n == 0 ? 0 : sum / n;
            se[j] = n < 2 ? Double.NaN : Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)));
        }
        List<Double> stats = new ArrayList<>();
        for (double[] row : replicates) {
            double t = Double.NaN;
            for (int j = 0; j < m; j++) {
                int[] ab = family.get(j);
                double x = row[ab[0]] - row[ab[1]];
                if (Double.isNaN(x) || !(se[j] > 0)) {
                    continue;
                }
                double z = Math.abs(x - d[j]) / se[j];
                t = Double.isNaN(t) ? z : Math.max(t, z);
            }
            if (!Double.isNaN(t)) {
                stats.add(t);
            }
        }
        if (stats.size() < minDefinedShare * replicates.length) {
            return new Estimate(value, null, null, String.format(Locale.ROOT,
                    "no interval: only %d of %d bootstrap replicates define it", stats.size(), replicates.length));
        }
        double[] sorted = stats.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        double c = Percentiles.of(sorted, 0.95);
        double low = 0;
        double high = 0;
        for (int j = 0; j < m; j++) {
            double s = Double.isNaN(se[j]) ? 0 : se[j];
            low = Math.max(low, Math.abs(d[j]) - c * s);
            high = Math.max(high, Math.abs(d[j]) + c * s);
        }
        return Estimate.of(value, Math.min(low, value), Math.max(high, value));
    }
}
