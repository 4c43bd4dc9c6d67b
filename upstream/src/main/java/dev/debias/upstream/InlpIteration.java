package dev.debias.upstream;

/**
 * One probe of an {@link InlpProjection} run: iteration 0 is a probe on the original representation, iteration
 * {@code i} a fresh probe trained on the representation after {@code i} projection steps.
 *
 * @param iteration the number of projection steps before this probe, at least 0
 * @param trainAccuracy the probe's accuracy on the (projected) training set, in [0, 1]
 * @param devAccuracy the probe's accuracy on the (projected) dev set, in [0, 1]
 * @param rankRemoved the rank of the subspace removed before this probe (0 at iteration 0)
 */
public record InlpIteration(int iteration, double trainAccuracy, double devAccuracy, int rankRemoved) {
    /**
     * Validates the iteration.
     *
     * @throws IllegalArgumentException when a count is negative or an accuracy is not in [0, 1]
     */
    public InlpIteration {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration " + iteration + " must be >= 0");
        }
        if (!(trainAccuracy >= 0 && trainAccuracy <= 1) || !(devAccuracy >= 0 && devAccuracy <= 1)) {
            throw new IllegalArgumentException("accuracies " + trainAccuracy + " and " + devAccuracy
                    + " must be in [0, 1]");
        }
        if (rankRemoved < 0) {
            throw new IllegalArgumentException("removed rank " + rankRemoved + " must be >= 0");
        }
    }
}
