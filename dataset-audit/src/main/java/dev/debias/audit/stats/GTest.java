package dev.debias.audit.stats;

/**
 * The G-test (log-likelihood ratio test) of independence for a contingency table, with its p-value
 * from the chi-squared distribution. Rows and columns whose total is 0 are dropped before counting
 * degrees of freedom.
 *
 * @param statistic G = 2 * sum of O * ln(O / E)
 * @param df degrees of freedom, (rows - 1) * (columns - 1) after dropping empty ones
 * @param pValue probability of a G at least this large under independence; 1 when df is 0
 */
public record GTest(double statistic, int df, double pValue) {
    /** Tests the table {@code counts[row][column]}. */
    public static GTest of(long[][] counts) {
        int rows = counts.length;
        int cols = rows == 0 ? 0 : counts[0].length;
        double[] rowSum = new double[rows];
        double[] colSum = new double[cols];
        double total = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (counts[i][j] < 0) {
                    throw new IllegalArgumentException("negative count");
                }
                rowSum[i] += counts[i][j];
                colSum[j] += counts[i][j];
                total += counts[i][j];
            }
        }
        int r = 0;
        int c = 0;
        for (double s : rowSum) {
            r += s > 0 ? 1 : 0;
        }
        for (double s : colSum) {
            c += s > 0 ? 1 : 0;
        }
        // With no non-empty row or column, (r - 1) * (c - 1) would be (-1) * (-1) = 1.
        int df = r < 2 || c < 2 ? 0 : (r - 1) * (c - 1);
        if (df == 0) {
            return new GTest(0, 0, 1);
        }
        double g = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (counts[i][j] > 0) {
                    double expected = rowSum[i] * colSum[j] / total;
                    g += counts[i][j] * Math.log(counts[i][j] / expected);
                }
            }
        }
        g = Math.max(0, 2 * g);
        return new GTest(g, df, ChiSquared.survival(g, df));
    }

    /**
     * The first-order Rao and Scott (1984) correction of this test for a clustered sample: the
     * statistic divided by the design effect {@code deff} (at least 1), with its p-value on the same
     * degrees of freedom; this test itself when {@code deff} is 1.
     */
    public GTest corrected(double deff) {
        if (deff == 1 || df == 0) {
            return this;
        }
        if (!(deff > 1) || Double.isInfinite(deff)) {
            throw new IllegalArgumentException("a design effect must be at least 1, got " + deff);
        }
        return new GTest(statistic / deff, df, ChiSquared.survival(statistic / deff, df));
    }

    /** The 2x2 test of a target's rate between two disjoint sets of units: {@code x1 of n1} against {@code x2 of n2}. */
    public static GTest twoByTwo(long x1, long n1, long x2, long n2) {
        return of(new long[][] {{x1, n1 - x1}, {x2, n2 - x2}});
    }
}
