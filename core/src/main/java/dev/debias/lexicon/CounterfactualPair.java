package dev.debias.lexicon;

import java.util.Objects;

/**
 * A directed substitution: on {@code axis}, {@code term} becomes {@code counterpart}, optionally only
 * where the term's part of speech is {@code posTag} (so possessive {@code her} maps to {@code his}
 * and object {@code her} to {@code him}).
 *
 * @param axis the axis, lower-case
 * @param term the source term, lower-case
 * @param counterpart the replacement, lower-case (case is restored to the source's when substituting)
 * @param posTag the Penn Treebank tag the source must carry (e.g. {@code PRP$}), or null for any
 * @param origin where the pair was defined, {@code source:line}
 * @param group for a pair from a counterpart row, the group of {@code term} as the row states it; null for a
 *     directed pair row, whose groups come from the term list
 * @param toGroup for a pair from a counterpart row, the group of {@code counterpart}; null for a directed pair
 *     row. A term has one counterpart per target group, so a multi-group axis can swap any two of its groups.
 */
public record CounterfactualPair(String axis, String term, String counterpart, String posTag, String origin,
        String group, String toGroup) {
    /** A directed pair, whose groups the term list gives. */
    public CounterfactualPair(String axis, String term, String counterpart, String posTag, String origin) {
        this(axis, term, counterpart, posTag, origin, null, null);
    }

    public CounterfactualPair {
        Objects.requireNonNull(axis);
        Objects.requireNonNull(term);
        Objects.requireNonNull(counterpart);
        if ((group == null) != (toGroup == null)) {
            throw new IllegalArgumentException("a counterpart-row pair states both groups, a directed pair neither");
        }
    }

    /** True for a pair from a counterpart row (it names both groups). */
    public boolean fromRow() {
        return toGroup != null;
    }

    /** True when the pair holds for every part of speech. */
    public boolean unconditional() {
        return posTag == null;
    }
}
