package dev.debias.evaluate.paired;

import dev.debias.evaluate.group.ResampledMeasures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
    private final TwoLevelResample resample;

    private PairedBootstrap(Builder b) {
        Map<String, List<TwoLevelResample.Run>> runs = new LinkedHashMap<>();
        b.cells.forEach((cell, list) -> runs.put(cell, list.stream().map(PairedBootstrap::run).toList()));
        int n = b.cells.values().iterator().next().get(0).ids().size();
        this.resample = new TwoLevelResample(runs, n, b.bootstrap, b.seed);
    }

    private static TwoLevelResample.Run run(RunRecords r) {
        return new TwoLevelResample.Run() {
            @Override
            public double[] point() {
                return r.measures().point();
            }

            @Override
            public double[] on(int[] records) {
                return r.measures().on(records);
            }
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The cells, in order. */
    public List<String> cells() {
        return resample.cells();
    }

    /**
     * The paired difference {@code first} minus {@code second} on {@code measure} (one of {@link ResampledMeasures#NAMES}).
     *
     * @throws IllegalArgumentException when a cell or the measure is unknown
     */
    public PairedEffect difference(String first, String second, String measure) {
        int m = ResampledMeasures.NAMES.indexOf(measure);
        if (m < 0 || !resample.cells().contains(first) || !resample.cells().contains(second)) {
            throw new IllegalArgumentException("unknown cell or measure: " + first + ", " + second + ", " + measure
                    + "; cells " + resample.cells() + ", measures " + ResampledMeasures.NAMES);
        }
        int runsA = resample.runs(first);
        int runsB = resample.runs(second);
        String method = String.format(Locale.ROOT, "paired bootstrap: one resample of the %d shared test records%s "
                + "(%d replicates)", resample.records(), seedsNote(runsA, runsB), resample.bootstrap());
        return resample.difference(first, second, m, measure, method);
    }

    /** The method's note on seeds resampled within the cells, empty when both cells hold one run. */
    static String seedsNote(int runsA, int runsB) {
        return runsA > 1 || runsB > 1 ? String.format(Locale.ROOT,
                ", seeds resampled within each cell first (%d and %d seeds)", runsA, runsB) : "";
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
