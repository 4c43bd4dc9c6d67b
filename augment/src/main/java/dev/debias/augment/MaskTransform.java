package dev.debias.augment;

import dev.debias.augment.swap.Counterfactual;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.corpus.Record;
import java.util.List;

/** Masking: each record in its place with every axis term replaced by the swapper's placeholder. */
final class MaskTransform implements RecordTransform {
    private final CounterfactualSwapper swapper;

    /** Masks with {@code swapper}'s terms and placeholder. */
    MaskTransform(CounterfactualSwapper swapper) {
        this.swapper = swapper;
    }

    @Override
    public Outcome apply(Record r, long ordinal) {
        Counterfactual m = swapper.mask(r.text());
        Record out = RecordRewriter.mark(r, r.id(), m.text(), m.changed() ? Transforms.MASKED : Transforms.ORIGINAL,
                m.substitutions());
        return new Outcome(List.of(out), true, 0, m.changed() ? 1 : 0, m.substitutions());
    }
}
