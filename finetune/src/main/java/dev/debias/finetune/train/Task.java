package dev.debias.finetune.train;

import java.util.Locale;

/**
 * What a run learns to predict: a class ({@link #CLASSIFICATION}, cross-entropy over the labels) or a number
 * ({@link #REGRESSION}, squared error on one output, e.g. a similarity score for STS). Written to
 * {@code run.json} by its {@link #key()}.
 */
public enum Task {
    /** One of the training labels; the model outputs a probability per label. */
    CLASSIFICATION,
    /** A real number (the label parsed as a float); the model outputs one value. */
    REGRESSION;

    /** The name in {@code run.json} and on the command line: {@code classification} or {@code regression}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The task whose {@link #key()} is {@code s}.
     *
     * @throws IllegalArgumentException naming the unknown value and the known ones
     */
    public static Task parse(String s) {
        for (Task t : values()) {
            if (t.key().equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + s + "'; expected classification or regression");
    }
}
