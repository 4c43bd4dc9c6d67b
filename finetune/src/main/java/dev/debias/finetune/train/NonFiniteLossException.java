package dev.debias.finetune.train;

import dev.debias.core.Setting;

/**
 * A training step whose loss or gradient norm is NaN or infinite: the run stops at that step. Usually a
 * learning rate too high for the model or broken record weights or labels; a caller may retry a run that
 * failed this way (a seeded run that does not fail again was disturbed by something outside it).
 */
public final class NonFiniteLossException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Which quantity turned non-finite. */
    public enum Quantity {
        /** The batch's weighted training loss. */
        LOSS("the training loss"),
        /** The global norm of the gradient. */
        GRADIENT_NORM("the gradient norm");

        private final String text;

        Quantity(String text) {
            this.text = text;
        }
    }

    private final Quantity quantity;
    private final double value;
    private final long step;

    /** {@code quantity} became {@code value} at optimizer step {@code step}. */
    public NonFiniteLossException(Quantity quantity, double value, long step) {
        this(quantity, value, step, null);
    }

    /** As above, with where it happened (e.g. which parameters' gradients), or null. */
    public NonFiniteLossException(Quantity quantity, double value, long step, String where) {
        super(quantity.text + " became " + value + " at step " + step + (where == null ? "" : " (" + where + ")")
                + (quantity == Quantity.LOSS ? "; lower " + Setting.LEARNING_RATE + " or check the data (weights, labels)"
                        : ""));
        this.quantity = quantity;
        this.value = value;
        this.step = step;
    }

    /** Which quantity turned non-finite. */
    public Quantity quantity() {
        return quantity;
    }

    /** Its value: NaN or an infinity. */
    public double value() {
        return value;
    }

    /** The 1-based optimizer step. */
    public long step() {
        return step;
    }
}
