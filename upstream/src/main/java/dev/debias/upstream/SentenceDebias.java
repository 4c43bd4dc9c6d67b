package dev.debias.upstream;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.evaluate.intrinsic.BiasSubspace;
import dev.debias.evaluate.intrinsic.BiasSubspaces;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SentenceDebias (Liang et al. 2020): removes the top {@code directions} principal directions of the
 * counterfactual pair differences from the pooled vector, as a projection the model applies.
 *
 * @param directions k, the directions of the bias subspace; at least 1
 */
public record SentenceDebias(int directions) implements Intervention<Diagnostics.Subspace> {
    /** The default number of directions: 1. */
    public static final int DIRECTIONS = 1;

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException when {@code directions} is below 1
     */
    public SentenceDebias {
        if (directions < 1) {
            throw new IllegalArgumentException("sentence-debias directions " + directions + " must be >= 1 (default "
                    + DIRECTIONS + ")");
        }
    }

    /** One direction. */
    public static SentenceDebias defaults() {
        return new SentenceDebias(DIRECTIONS);
    }

    @Override
    public UpstreamMethod method() {
        return UpstreamMethod.SENTENCE_DEBIAS;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("directions", Integer.toString(directions));
        return m;
    }

    /**
     * Estimates the subspace from the learning pairs on the encoder as it is and adds its projection.
     *
     * @throws InvalidInputException when {@code directions} exceeds the model's width
     */
    @Override
    public Outcome<Diagnostics.Subspace> apply(InterventionInput in) {
        if (directions > in.encoder().dimension()) {
            throw new InvalidInputException(Setting.DIRECTIONS + " " + directions + " exceeds the model's width "
                    + in.encoder().dimension());
        }
        float[][] x = in.embed(PairSample.originals(in.sample().learn()), "embedding originals");
        float[][] y = in.embed(PairSample.counterfactuals(in.sample().learn()), "embedding counterfactuals");
        BiasSubspace s = BiasSubspaces.fromPairs(x, y, directions);
        in.addProjection(s.projectionMatrix());
        return new Outcome<>(in.encoder().model().weights(),
                new Diagnostics.Subspace(s.k(), s.explainedVariance(), s.pairs()));
    }
}
