package dev.debias.upstream;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Switches off the attention heads ({@code prune-heads}) or feed-forward neurons ({@code prune-neurons})
 * whose removal lowers the counterfactual embedding gap of the learning pairs most; {@link UnitPruner}
 * does the work. Heads and neurons are one intervention of two units: they share the scoring, the
 * parameters and the diagnostics, and differ only in which mask they edit.
 *
 * @param unit what is pruned
 * @param scoring how units are scored; ablation is for heads only
 * @param fraction the share of units to prune, in (0, 1]; used when {@code count} is 0
 * @param count the number of units to prune, at least 0; 0 prunes {@code round(fraction * units)}
 * @param batchSize pairs per scoring pass, at least 1
 */
public record UnitPruning(Unit unit, Scoring scoring, double fraction, int count, int batchSize)
        implements Intervention<Diagnostics.Pruning> {
    /** The default share of units: 0.1. */
    public static final double FRACTION = 0.1;
    /** The default pairs per scoring pass: 16. */
    public static final int BATCH_SIZE = 16;

    /** What is pruned. */
    public enum Unit {
        /** Attention heads. */
        HEAD,
        /** Feed-forward (intermediate) neurons. */
        NEURON;

        /** {@code head} or {@code neuron}. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How units are scored. */
    public enum Scoring {
        /** The first-order estimate ∂gap/∂gate from one backward pass over the pairs. */
        GRADIENT,
        /** The measured drop of the gap with the unit switched off: one forward pass per unit (heads only). */
        ABLATION;

        /** {@code gradient} or {@code ablation}. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The scoring named {@code s}. */
        public static Scoring parse(String s) {
            return switch (s) {
                case "gradient" -> GRADIENT;
                case "ablation" -> ABLATION;
                default -> throw new dev.debias.core.InvalidInputException("unknown scoring '" + s
                        + "'; expected gradient or ablation");
            };
        }
    }

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException when a value is out of range or neurons are to be scored by ablation
     */
    public UnitPruning {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(scoring, "scoring");
        if (!(fraction > 0 && fraction <= 1) || count < 0 || batchSize < 1) {
            throw new IllegalArgumentException("a pruning setting is out of range: fraction " + fraction
                    + " (0, 1], count " + count + " (>= 0), batch " + batchSize + " (>= 1)");
        }
        if (unit == Unit.NEURON && scoring == Scoring.ABLATION) {
            throw new IllegalArgumentException("ablation scoring is for heads; neurons are scored by gradient");
        }
    }

    /** Attention heads, gradient scoring, a tenth of them, 16 pairs per pass. */
    public static UnitPruning heads() {
        return new UnitPruning(Unit.HEAD, Scoring.GRADIENT, FRACTION, 0, BATCH_SIZE);
    }

    /** Feed-forward neurons, gradient scoring, a tenth of them, 16 pairs per pass. */
    public static UnitPruning neurons() {
        return new UnitPruning(Unit.NEURON, Scoring.GRADIENT, FRACTION, 0, BATCH_SIZE);
    }

    /** This with another scoring. */
    public UnitPruning withScoring(Scoring s) {
        return new UnitPruning(unit, s, fraction, count, batchSize);
    }

    /** This with another share of units (used when no count is set). */
    public UnitPruning withFraction(double f) {
        return new UnitPruning(unit, scoring, f, count, batchSize);
    }

    /** This pruning {@code n} units (0: by the fraction). */
    public UnitPruning withCount(int n) {
        return new UnitPruning(unit, scoring, fraction, n, batchSize);
    }

    /** This with another number of pairs per scoring pass. */
    public UnitPruning withBatchSize(int n) {
        return new UnitPruning(unit, scoring, fraction, count, n);
    }

    @Override
    public UpstreamMethod method() {
        return unit == Unit.HEAD ? UpstreamMethod.PRUNE_HEADS : UpstreamMethod.PRUNE_NEURONS;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fraction", count > 0 ? "" : Double.toString(fraction));
        m.put("count", count > 0 ? Integer.toString(count) : "");
        m.put("scoring", scoring.cliName());
        m.put("batch_size", Integer.toString(batchSize));
        return m;
    }

    /** The number of units to prune out of {@code total}: the count when set, else the rounded fraction. */
    public int requested(int total) {
        return count > 0 ? count : (int) Math.round(fraction * total);
    }

    /** Scores the units on the learning pairs and switches off the best, on top of the model's current masks. */
    @Override
    public Outcome<Diagnostics.Pruning> apply(InterventionInput in) {
        int n = requested(UnitPruner.units(in.encoder().model(), unit));
        Diagnostics.Pruning d = UnitPruner.prune(in.encoder(), in.sample().learn(), unit, scoring, n, batchSize,
                in.progress());
        return new Outcome<>(in.encoder().model().weights(), d);
    }
}
