package dev.debias.upstream;

import dev.debias.finetune.model.Weights;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * One intervention on a pre-trained encoder, with its own parameters: {@link Upstream} runs it between
 * the intrinsic measurements before and after and writes the weights it returns. Each implementation
 * validates its parameters when it is made, names them for {@code upstream.json}, and reports what it
 * found as its own kind of {@link Diagnostics}.
 *
 * @param <D> the diagnostics it reports
 */
public sealed interface Intervention<D extends Diagnostics>
        permits SentenceDebias, Inlp, UnitPruning, CounterfactualContinuation, MagnitudePruning {
    /** The method this is, for {@code upstream.json}'s {@code method} field and the new model's name. */
    UpstreamMethod method();

    /** Its own parameters as {@code upstream.json} records them (snake_case keys, values as strings), in order. */
    Map<String, String> parameters();

    /**
     * Applies the intervention to {@code in}'s model and returns the new weights (edits included) with what
     * it found. It may change {@code in.encoder()}'s model; it never changes {@code in.source()}.
     *
     * @throws dev.debias.core.InvalidInputException when the sample or the model does not suit the method
     */
    Outcome<D> apply(InterventionInput in) throws IOException;

    /**
     * What an intervention produced.
     *
     * @param weights the new model's weights, edits (projection, masks, sparsity) included
     * @param diagnostics what the method found
     * @param <D> the kind of diagnostics
     */
    record Outcome<D extends Diagnostics>(Weights weights, D diagnostics) {
        public Outcome {
            Objects.requireNonNull(weights, "weights");
            Objects.requireNonNull(diagnostics, "diagnostics");
        }
    }
}
