package dev.debias.upstream;

/**
 * The losses of one step of {@link AlignmentTrainer}.
 *
 * @param step the step, from 1
 * @param alignment mean cosine distance between the batch's texts and their counterfactuals
 * @param anchor relative squared drift of the neutral texts' vectors from the original model's
 * @param loss {@code alignment + anchorWeight * anchor}
 */
public record AlignmentStep(int step, double alignment, double anchor, double loss) {}
