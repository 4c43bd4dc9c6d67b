package dev.debias.evaluate.paired;

import dev.debias.evaluate.group.ResampledMeasures;
import dev.debias.stats.Bootstrap;
import dev.debias.stats.Estimate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Paired differences between cells of runs that were all evaluated on the same test records. Every bootstrap
 * replicate draws the test records once, with replacement, and measures every run on that same draw, so the
 * record-to-record noise the runs share cancels in their differences (a paired bootstrap; Efron and Tibshirani
 * 1993, ch. 6 and 13). A cell that pools several seeds is resampled at two levels, after Davison and Hinkley
 * (1997, Bootstrap Methods and their Application, sec. 3.8) on hierarchical data: within each cell its m seeds
 * are drawn with replacement, independently of the other cells (training runs of different cells are
 * independent), and the drawn runs are then measured on the one common record resample. Because resampling m
 * values understates their variance by (m - 1)/m, each drawn run's deviation from the cell's mean on that
 * resample is scaled by sqrt(m / (m - 1)), the usual small-sample correction of a resampled mean (the
 * adjusted first-stage resampling Davison and Hinkley discuss there); the record level needs none, its n is large. The interval is the 2.5 and 97.5 percentiles of the replicate differences;
 * the p-value inverts it ({@link PairedEffect#pValue()}). Replicates are seeded one by one from the seed, so the
 * result is the same on any number of threads.
 */
public final class PairedBootstrap {
    private final Map<String, List<RunRecords>> cells;
    private final int bootstrap;
    private final long seed;
    private final int n;
    private final Map<String, double[]> points = new LinkedHashMap<>();
    private final Map<String, double[][]> replicates = new LinkedHashMap<>();

    private PairedBootstrap(Builder b) {
        this.cells = b.cells;
        this.bootstrap = b.bootstrap;
        this.seed = b.seed;
        this.n = b.cells.values().iterator().next().get(0).ids().size();
        run();
    }

    public static Builder builder() {
        return new Builder();
    }

    private void run() {
        SplittableRandom root = new SplittableRandom(seed);
        long[] seeds = new long[bootstrap];
        for (int b = 0; b < bootstrap; b++) {
            seeds[b] = root.nextLong();
        }
        List<String> names = new ArrayList<>(cells.keySet());
        double[][][] reps = new double[bootstrap][][];
        IntStream.range(0, bootstrap).parallel().forEach(b -> {
            SplittableRandom r = new SplittableRandom(seeds[b]);
            int[] idx = new int[n];
            for (int j = 0; j < n; j++) {
                idx[j] = r.nextInt(n);
            }
            double[][] row = new double[names.size()][];
            for (int c = 0; c < names.size(); c++) {
                List<RunRecords> runs = cells.get(names.get(c));
                double[][] v = new double[runs.size()][];
                for (int s = 0; s < runs.size(); s++) {
                    v[s] = runs.get(s).measures().on(idx);
                }
                int[] draw = new int[runs.size()];
                for (int s = 0; s < draw.length; s++) {
                    draw[s] = draw.length == 1 ? 0 : r.nextInt(draw.length);
                }
                row[c] = twoLevel(v, draw);
            }
            reps[b] = row;
        });
        for (int c = 0; c < names.size(); c++) {
            List<RunRecords> runs = cells.get(names.get(c));
            double[][] v = new double[runs.size()][];
            int[] all = new int[runs.size()];
            for (int s = 0; s < runs.size(); s++) {
                v[s] = runs.get(s).measures().point();
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
    public List<String> cells() {
        return List.copyOf(cells.keySet());
    }

    /**
     * The paired difference {@code first} minus {@code second} on {@code measure} (one of {@link ResampledMeasures#NAMES}).
     *
     * @throws IllegalArgumentException when a cell or the measure is unknown
     */
    public PairedEffect difference(String first, String second, String measure) {
        int m = ResampledMeasures.NAMES.indexOf(measure);
        if (m < 0 || !cells.containsKey(first) || !cells.containsKey(second)) {
            throw new IllegalArgumentException("unknown cell or measure: " + first + ", " + second + ", " + measure
                    + "; cells " + cells.keySet() + ", measures " + ResampledMeasures.NAMES);
        }
        int runsA = cells.get(first).size();
        int runsB = cells.get(second).size();
        String method = String.format(Locale.ROOT, "paired bootstrap: one resample of the %d shared test records%s "
                + "(%d replicates)", n, runsA > 1 || runsB > 1 ? String.format(Locale.ROOT,
                        ", seeds resampled within each cell first (%d and %d seeds)", runsA, runsB) : "", bootstrap);
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

    /** Holm-adjusts a family of effects read together; see {@link Holm}. */
    public static List<PairedEffect> holm(List<PairedEffect> family) {
        double[] p = family.stream().mapToDouble(PairedEffect::pValue).toArray();
        double[] adj = Holm.adjust(p);
        List<PairedEffect> out = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            out.add(family.get(i).withHolm(adj[i]));
        }
        return out;
    }

    /** Builds a {@link PairedBootstrap}; the cells are required, and their runs must share their test records. */
    public static final class Builder {
        private Map<String, List<RunRecords>> cells;
        private int bootstrap = 1000;
        private long seed = 1;

        private Builder() {}

        /** Cell name to its runs (one per seed), in order (required). */
        public Builder setCells(Map<String, List<RunRecords>> cells) {
            Map<String, List<RunRecords>> copy = new LinkedHashMap<>();
            Objects.requireNonNull(cells).forEach((k, v) -> copy.put(k, List.copyOf(v)));
            this.cells = copy;
            return this;
        }

        /** Bootstrap replicates; 0 for point differences only. Default 1000. */
        public Builder optBootstrap(int replicates) {
            this.bootstrap = replicates;
            return this;
        }

        /** The seed of the resample; default 1. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Validates and builds (and resamples).
         *
         * @throws IllegalArgumentException when a cell has no runs, or the runs do not share their test records
         *     (named by {@link RunRecords#notShared})
         */
        public PairedBootstrap build() {
            if (cells == null || cells.isEmpty() || cells.values().stream().anyMatch(List::isEmpty)) {
                throw new IllegalArgumentException("every cell needs at least one run");
            }
            if (bootstrap < 0) {
                throw new IllegalArgumentException("bootstrap replicates must be >= 0, got " + bootstrap);
            }
            String why = RunRecords.notShared(cells.values().stream().flatMap(List::stream).toList());
            if (why != null) {
                throw new IllegalArgumentException("the runs do not share their test records: " + why);
            }
            return new PairedBootstrap(this);
        }
    }
}
