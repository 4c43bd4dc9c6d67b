package dev.debias.upstream;

import dev.debias.finetune.model.Weights;
import java.util.List;

/**
 * What {@link AlignmentTrainer} produced.
 *
 * @param weights the trained encoder's weights, its edits included
 * @param steps the losses of every step, in order
 */
public record AlignmentResult(Weights weights, List<AlignmentStep> steps) {
    public AlignmentResult {
        steps = List.copyOf(steps);
    }
}
