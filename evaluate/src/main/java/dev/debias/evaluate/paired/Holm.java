package dev.debias.evaluate.paired;

/**
 * Holm's step-down adjustment (Holm 1979, "A simple sequentially rejective multiple test procedure"): with the
 * m p-values sorted ascending, the i-th (from 0) is multiplied by m - i, made non-decreasing along the order and
 * capped at 1. Rejecting where the adjusted p-value is below alpha keeps the family-wise error rate at most alpha
 * under any dependence between the tests.
 */
public final class Holm {
    private Holm() {}

    /** The adjusted p-values, in the order given; NaN entries stay NaN and do not count towards m. */
    public static double[] adjust(double[] p) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                order[m++] = i;
            }
        }
        Integer[] defined = java.util.Arrays.copyOf(order, m);
        java.util.Arrays.sort(defined, (a, b) -> Double.compare(p[a], p[b]));
        double[] out = new double[p.length];
        java.util.Arrays.fill(out, Double.NaN);
        double running = 0;
        for (int i = 0; i < m; i++) {
            running = Math.max(running, Math.min(1, (m - i) * p[defined[i]]));
            out[defined[i]] = running;
        }
        return out;
    }
}
