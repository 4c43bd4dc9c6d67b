package dev.debias.augment;

import dev.debias.corpus.Record;

/**
 * What one mode does to one input record: the records written in its place. Implementations are
 * thread-safe and depend only on the record and its ordinal (its 0-based place in the input), so a
 * corpus transformed in parallel gives the same output as one transformed in order.
 */
interface RecordTransform {
    /** The outcome of the input record {@code r} at {@code ordinal}. */
    Outcome apply(Record r, long ordinal);

    /** The transform of {@code config}'s mode, following {@code plan} where the mode plans. */
    static RecordTransform forMode(AugmentConfig config, RecordRewriter rewriter, Plan plan) {
        return switch (config.mode()) {
            case TWO_SIDED -> CopyTransform.everyRecord(config.swapper(), rewriter);
            case ONE_SIDED, REBALANCE -> CopyTransform.planned(config.swapper(), rewriter, plan);
            case SUBSTITUTE -> new SubstituteTransform(config.swapper(), rewriter, config.seed(), config.probability());
            case MASK -> new MaskTransform(config.swapper());
            case REWEIGH -> new ReweighTransform(config.weightField(), plan, config.overwriteWeightField());
        };
    }
}
