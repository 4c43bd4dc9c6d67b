package dev.debias.upstream;

import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.Weights;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Zeroes the {@code sparsity} share of the encoder's linear weights of smallest magnitude (a compression
 * baseline) and marks the model so fine-tuning keeps them zero; {@link MagnitudePruner} does the work.
 *
 * @param sparsity the share of linear weights to zero, in [0, 1)
 * @param scope one threshold overall or one per matrix
 */
public record MagnitudePruning(double sparsity, Scope scope) implements Intervention<Diagnostics.Sparsity> {
    /** The default share of zero weights: 0.3. */
    public static final double SPARSITY = 0.3;

    /** Where the threshold applies. */
    public enum Scope {
        /** One threshold over all pruned matrices. */
        GLOBAL,
        /** One threshold per matrix. */
        LAYER;

        /** {@code global} or {@code layer}. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The scope named {@code s}. */
        public static Scope parse(String s) {
            return switch (s) {
                case "global" -> GLOBAL;
                case "layer" -> LAYER;
                default -> throw new dev.debias.core.InvalidInputException("unknown pruning scope '" + s
                        + "'; expected global or layer");
            };
        }
    }

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException when the sparsity is not in [0, 1)
     */
    public MagnitudePruning {
        Objects.requireNonNull(scope, "scope");
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("magnitude-prune sparsity " + sparsity + " must be in [0, 1) (default "
                    + SPARSITY + ")");
        }
    }

    /** 0.3 of the weights, one threshold overall. */
    public static MagnitudePruning defaults() {
        return new MagnitudePruning(SPARSITY, Scope.GLOBAL);
    }

    /** This with another sparsity. */
    public MagnitudePruning withSparsity(double s) {
        return new MagnitudePruning(s, scope);
    }

    /** This with another scope. */
    public MagnitudePruning withScope(Scope s) {
        return new MagnitudePruning(sparsity, s);
    }

    @Override
    public UpstreamMethod method() {
        return UpstreamMethod.MAGNITUDE_PRUNE;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sparsity", Double.toString(sparsity));
        m.put("scope", scope.cliName());
        return m;
    }

    /** Prunes a copy of the encoder model's weights and records the sparsity in them. */
    @Override
    public Outcome<Diagnostics.Sparsity> apply(InterventionInput in) {
        MagnitudePruner.Pruned p = MagnitudePruner.prune(in.encoder().model().weights(), sparsity, scope);
        Weights weights = p.weights();
        weights.put(BertClassifier.WEIGHT_SPARSITY, new long[] {1}, new float[] {(float) sparsity});
        return new Outcome<>(weights, p.diagnostics());
    }
}
