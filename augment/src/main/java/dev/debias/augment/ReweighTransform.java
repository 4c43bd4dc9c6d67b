package dev.debias.augment;

import dev.debias.corpus.Record;
import java.util.List;

/** Reweighing: each record in its place, text unchanged, with its planned weight in the weight field. */
final class ReweighTransform implements RecordTransform {
    private final String weightField;
    private final Plan plan;

    /** Writes {@code plan}'s weights to {@code weightField}. */
    ReweighTransform(String weightField, Plan plan) {
        this.weightField = weightField;
        this.plan = plan;
    }

    @Override
    public Outcome apply(Record r, long ordinal) {
        Record w = RecordRewriter.mark(r, r.id(), r.text(), Transforms.REWEIGHED, List.of())
                .withAttribute(weightField, Double.toString(plan.weightOf((int) ordinal)));
        return new Outcome(List.of(w), true, 0, 0, List.of());
    }
}
