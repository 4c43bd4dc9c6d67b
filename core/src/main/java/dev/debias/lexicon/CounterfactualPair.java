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
 */
public record CounterfactualPair(String axis, String term, String counterpart, String posTag, String origin) {
    public CounterfactualPair {
        Objects.requireNonNull(axis);
        Objects.requireNonNull(term);
        Objects.requireNonNull(counterpart);
    }

    /** True when the pair holds for every part of speech. */
    public boolean unconditional() {
        return posTag == null;
    }
}
