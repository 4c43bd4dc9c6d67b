package dev.debias.evaluate.paired;

import dev.debias.stats.Bootstrap;
import dev.debias.stats.Estimate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The resample behind {@link PairedBootstrap} and {@link PairedFlips}: every replicate draws the n shared records
 * once, with replacement, draws each cell's seeds with replacement (independently per cell), and measures the
 * drawn runs on that one record draw; a cell's value is the mean of its drawn runs, their deviations from the
 * cell's mean scaled by sqrt(m / (m - 1)) for m seeds (see {@link PairedBootstrap} for the references).
 * Replicates are seeded one by one from the seed, so the result is the same on any number of threads.
 */
final class TwoLevelResample {
    /** One run's measures on the shared records and on any resample of them (indices into the records). */
    interface Run {
        double[] point();

        double[] on(int[] records);
    }

    private final Map<String, List<Run>> cells;
    private final int bootstrap;
    private final int n;
    private final Map<String, double[]> points = new LinkedHashMap<>();
    private final Map<String, double[][]> replicates = new LinkedHashMap<>();

    /** Resamples at once; every run must hold the same n records. */
    TwoLevelResample(Map<String, List<Run>> cells, int n, int bootstrap, long seed) {
        this.cells = cells;
        this.bootstrap = bootstrap;
        this.n = n;
        run(seed);
    }

    private void run(long seed) {
        // cells in name order: a replicate draws each cell's seeds from one generator in turn, so the numbers
        // must not depend on the order the caller's map iterates in (Map.of's changes from one JVM to the next)
        List<String> names = new ArrayList<>(cells.keySet());
        names.sort(null);
        double[][][] reps = Bootstrap.replicates(bootstrap, seed, r -> {
            int[] idx = new int[n];
            for (int j = 0; j < n; j++) {
                idx[j] = r.nextInt(n);
            }
            double[][] row = new double[names.size()][];
            for (int c = 0; c < names.size(); c++) {
                List<Run> runs = cells.get(names.get(c));
                double[][] v = new double[runs.size()][];
                for (int s = 0; s < runs.size(); s++) {
                    v[s] = runs.get(s).on(idx);
                }
                int[] draw = new int[runs.size()];
                for (int s = 0; s < draw.length; s++) {
                    draw[s] = draw.length == 1 ? 0 : r.nextInt(draw.length);
                }
                row[c] = twoLevel(v, draw);
            }
            return row;
        }).toArray(double[][][]::new);
        for (int c = 0; c < names.size(); c++) {
            List<Run> runs = cells.get(names.get(c));
            double[][] v = new double[runs.size()][];
            int[] all = new int[runs.size()];
            for (int s = 0; s < runs.size(); s++) {
                v[s] = runs.get(s).point();
                all[s] = s;
            }
            points.put(names.get(c), mean(v, all));
            double[][] cell = new double[bootstrap][];
            for (int b = 0; b < bootstrap; b++) {
                cell[b] = reps[b][c];
            }
            replicates.put(names.get(c), cell);
        }
    }

    /** The cell's value on one replicate: the mean of its drawn runs, their deviations scaled up for few seeds. */
    private static double[] twoLevel(double[][] v, int[] draw) {
        int m = v.length;
        if (m == 1) {
            return v[0];
        }
        int[] all = new int[m];
        for (int s = 0; s < m; s++) {
            all[s] = s;
        }
        double[] centre = mean(v, all);
        double[] drawn = mean(v, draw);
        double inflate = Math.sqrt((double) m / (m - 1));
        double[] out = new double[centre.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = centre[i] + inflate * (drawn[i] - centre[i]);
        }
        return out;
    }

    /** Per measure, the mean over the runs {@code which} of their defined values; NaN when none is defined. */
    private static double[] mean(double[][] v, int[] which) {
        double[] out = new double[v[0].length];
        for (int i = 0; i < out.length; i++) {
            double sum = 0;
            int k = 0;
            for (int s : which) {
                if (!Double.isNaN(v[s][i])) {
                    sum += v[s][i];
                    k++;
                }
            }
            out[i] = k == 0 ? Double.NaN : sum / k;
        }
        return out;
    }

    /** The cells, in order. */
    List<String> cells() {
        return List.copyOf(cells.keySet());
    }

    /** Runs in the cell. */
    int runs(String cell) {
        return cells.get(cell).size();
    }

    /** Records shared by the runs. */
    int records() {
        return n;
    }

    /** Replicates. */
    int bootstrap() {
        return bootstrap;
    }

    /**
     * The difference {@code first} minus {@code second} on measure {@code m} (an index into the runs' measures):
     * percentile interval of the replicate differences, and the p-value that inverts it.
     */
    PairedEffect difference(String first, String second, int m, String measure, String method) {
        double d = points.get(first)[m] - points.get(second)[m];
        if (Double.isNaN(d)) {
            return new PairedEffect(first, second, measure, Estimate.undefined("undefined in a cell"), Double.NaN, null,
                    method);
        }
        if (bootstrap == 0) {
            return new PairedEffect(first, second, measure, new Estimate(d, null, null, "no interval: bootstrap off"),
                    Double.NaN, null, method);
        }
        double[][] a = replicates.get(first);
        double[][] b = replicates.get(second);
        double[] diffs = new double[bootstrap];
        int k = 0;
        int atOrBelow = 0;
        int atOrAbove = 0;
        for (int r = 0; r < bootstrap; r++) {
            double x = a[r][m] - b[r][m];
            if (!Double.isNaN(x)) {
                diffs[k++] = x;
                atOrBelow += x <= 0 ? 1 : 0;
                atOrAbove += x >= 0 ? 1 : 0;
            }
        }
        if (k < bootstrap / 2) {
            return new PairedEffect(first, second, measure, new Estimate(d, null, null, String.format(Locale.ROOT,
                    "no interval: only %d of %d replicates define it", k, bootstrap)), Double.NaN, null, method);
        }
        double[] sorted = Arrays.copyOf(diffs, k);
        Arrays.sort(sorted);
        double p = Math.min(1, 2.0 * (1 + Math.min(atOrBelow, atOrAbove)) / (k + 1));
        return new PairedEffect(first, second, measure, Bootstrap.interval(d, sorted), p, null, method);
    }
}
