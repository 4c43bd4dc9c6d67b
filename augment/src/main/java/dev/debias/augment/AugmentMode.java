package dev.debias.augment;

import java.util.Arrays;
import java.util.Locale;

/** What {@link Augmenter} does to a corpus. */
public enum AugmentMode {
    /** Keep every record and add the counterfactual of each record holding an axis term (CDA). */
    TWO_SIDED,
    /** Add counterfactuals only of the records on the over-represented side of their label. */
    ONE_SIDED,
    /** Replace each record holding an axis term by its counterfactual with probability p (CDS). */
    SUBSTITUTE,
    /** Add the fewest counterfactuals (or, if allowed, drop records) so each label reaches a target group share. */
    REBALANCE,
    /** Change no text; give each record a weight making group and label independent (Kamiran and Calders). */
    REWEIGH,
    /** Replace axis terms with a neutral placeholder. */
    MASK;

    /** The command-line name, e.g. {@code two-sided}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a command-line name. */
    public static AugmentMode parse(String s) {
        for (AugmentMode m : values()) {
            if (m.id().equals(s.strip().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + s + "'; expected one of "
                + Arrays.stream(values()).map(AugmentMode::id).toList());
    }

    @Override
    public String toString() {
        return id();
    }
}
