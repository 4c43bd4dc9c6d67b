package dev.debias.finetune.model;

import java.util.Locale;

/** How token states become one vector per input. */
public enum Pooling {
    /** Mean of the unmasked token states (sentence-transformers style; what all-MiniLM-L6-v2 was trained with). */
    MEAN,
    /** The state of the first token ([CLS]). */
    CLS;

    /** Parses {@code mean} or {@code cls}. */
    public static Pooling parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "mean" -> MEAN;
            case "cls" -> CLS;
            default -> throw new IllegalArgumentException("unknown pooling '" + s + "'; expected mean or cls");
        };
    }
}
