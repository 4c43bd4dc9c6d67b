package dev.debias.augment;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.corpus.Record;
import java.util.List;

/**
 * Reweighing: each record in its place, text unchanged, with its planned weight in the weight field.
 * A record that already holds the weight field is refused ({@link InvalidInputException} naming the
 * field and the record) unless overwriting was asked for; then its value is replaced in place.
 */
final class ReweighTransform implements RecordTransform {
    private final String weightField;
    private final Plan plan;
    private final boolean overwrite;

    /** Writes {@code plan}'s weights to {@code weightField}, refusing a record that already holds it. */
    ReweighTransform(String weightField, Plan plan) {
        this(weightField, plan, false);
    }

    /** Writes {@code plan}'s weights to {@code weightField}, replacing an existing value when {@code overwrite}. */
    ReweighTransform(String weightField, Plan plan, boolean overwrite) {
        this.weightField = weightField;
        this.plan = plan;
        this.overwrite = overwrite;
    }

    @Override
    public Outcome apply(Record r, long ordinal) {
        if (!overwrite && r.attributes().containsKey(weightField)) {
            throw new InvalidInputException("record " + r.id() + " (record " + (ordinal + 1) + " of the input) already "
                    + "has a field '" + weightField + "', which reweighing would overwrite; choose another "
                    + Setting.WEIGHT_FIELD + ", or allow overwriting an existing weight field");
        }
        Record w = RecordRewriter.mark(r, r.id(), r.text(), Transforms.REWEIGHED, List.of())
                .withAttribute(weightField, Double.toString(plan.weightOf((int) ordinal)));
        return new Outcome(List.of(w), true, 0, 0, List.of());
    }
}
