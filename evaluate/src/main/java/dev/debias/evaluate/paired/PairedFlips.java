package dev.debias.evaluate.paired;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Paired differences of counterfactual flip rates (and of the mean absolute change in the probability of the
 * original prediction) between cells of runs whose counterfactual tests covered the same records in the same
 * order. Each replicate draws the tested records once and takes every run's rate on that draw, with a cell's
 * seeds resampled first as {@link PairedBootstrap} does (the same code); percentile interval and bootstrap
 * p-value as there. Seeded: the same seed gives the same effects.
 */
public final class PairedFlips {
    /** The flip rate's measure name, as in the recipes. */
    public static final String FLIP_RATE = "flip_rate";
    /** The mean absolute change's measure name. */
    public static final String MEAN_ABS_CHANGE = "mean_abs_change";
    /** The measures, in the order of {@link FlipRecords}' values. */
    public static final List<String> NAMES = List.of(FLIP_RATE, MEAN_ABS_CHANGE);

    private final TwoLevelResample resample;

    private PairedFlips(Map<String, List<FlipRecords>> cells, int bootstrap, long seed) {
        Map<String, List<TwoLevelResample.Run>> runs = new LinkedHashMap<>();
        cells.forEach((cell, list) -> runs.put(cell, list.stream().map(PairedFlips::run).toList()));
        int n = cells.values().iterator().next().get(0).outcomes().size();
        this.resample = new TwoLevelResample(runs, n, bootstrap, seed);
    }

    private static TwoLevelResample.Run run(FlipRecords r) {
        return new TwoLevelResample.Run() {
            @Override
            public double[] point() {
                return r.point();
            }

            @Override
            public double[] on(int[] records) {
                return r.on(records);
            }
        };
    }

    /**
     * Resamples {@code cells} (cell name to its runs, one per seed) {@code bootstrap} times from {@code seed}.
     *
     * @throws IllegalArgumentException when a cell has no runs, replicates are negative, or the runs do not
     *     share their tested records (named by {@link FlipRecords#notShared})
     */
    public static PairedFlips of(Map<String, List<FlipRecords>> cells, int bootstrap, long seed) {
        Map<String, List<FlipRecords>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(cells).forEach((k, v) -> copy.put(k, List.copyOf(v)));
        if (copy.isEmpty() || copy.values().stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("every cell needs at least one run");
        }
        if (bootstrap < 0) {
            throw new IllegalArgumentException("bootstrap replicates must be >= 0, got " + bootstrap);
        }
        String why = FlipRecords.notShared(copy.values().stream().flatMap(List::stream).toList());
        if (why != null) {
            throw new IllegalArgumentException("the runs do not share their tested records: " + why);
        }
        return new PairedFlips(copy, bootstrap, seed);
    }

    /**
     * The paired difference {@code first} minus {@code second} on {@code measure} (one of {@link #NAMES}).
     *
     * @throws IllegalArgumentException when a cell or the measure is unknown
     */
    public PairedEffect difference(String first, String second, String measure) {
        int m = NAMES.indexOf(measure);
        if (m < 0 || !resample.cells().contains(first) || !resample.cells().contains(second)) {
            throw new IllegalArgumentException("unknown cell or measure: " + first + ", " + second + ", " + measure
                    + "; cells " + resample.cells() + ", measures " + NAMES);
        }
        String method = String.format(Locale.ROOT, "paired bootstrap over %d records with a counterfactual%s "
                + "(%d replicates)", resample.records(), PairedBootstrap.seedsNote(resample.runs(first),
                        resample.runs(second)), resample.bootstrap());
        return resample.difference(first, second, m, measure, method);
    }
}
