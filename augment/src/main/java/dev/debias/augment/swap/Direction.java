package dev.debias.augment.swap;

import java.util.Locale;

/** Which way terms are swapped. */
public enum Direction {
    /** Every term of either group becomes its counterpart. */
    BOTH,
    /** Only terms of the female group are swapped (to male). */
    FEMALE_TO_MALE,
    /** Only terms of the male group are swapped (to female). */
    MALE_TO_FEMALE;

    /** Parses {@code both}, {@code female-to-male} or {@code male-to-female}. */
    public static Direction parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "both", "two-way" -> BOTH;
            case "female-to-male" -> FEMALE_TO_MALE;
            case "male-to-female" -> MALE_TO_FEMALE;
            default -> throw new IllegalArgumentException("unknown direction '" + s
                    + "'; expected both, female-to-male or male-to-female");
        };
    }

    /** True when a term of {@code group} may be swapped (a term of no known group only in {@link #BOTH}). */
    public boolean allows(String group) {
        return switch (this) {
            case BOTH -> true;
            case FEMALE_TO_MALE -> "female".equals(group);
            case MALE_TO_FEMALE -> "male".equals(group);
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
