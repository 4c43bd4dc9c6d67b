package dev.debias.audit.count;

import dev.debias.lexicon.LexiconTerm;
import java.util.List;
import java.util.Objects;

/**
 * Something a unit can have: a group of a demographic axis, or a target. A unit has a term feature
 * when it holds an occurrence of one of its terms, and a field feature when its document's field
 * (a label, a ground-truth group column) has the feature's value. {@link AnyOf} and {@link AllOf}
 * combine features: any part, every part.
 */
public sealed interface Feature {
    /** The feature's name in results: a group such as {@code female}, a target such as {@code nurse}, a label. */
    String name();

    /** Present where any of {@code terms} occurs. */
    record Terms(String name, List<LexiconTerm> terms) implements Feature {
        public Terms {
            Objects.requireNonNull(name);
            terms = List.copyOf(terms);
        }
    }

    /**
     * Present in every unit of the documents whose label ({@code attribute} null) or ground-truth
     * attribute {@code attribute} equals {@code value}.
     */
    record FieldValue(String name, String attribute, String value) implements Feature {
        public FieldValue {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
        }

        /** The feature of documents labelled {@code label}. */
        public static FieldValue label(String label) {
            return new FieldValue(label, null, label);
        }

        /** The feature of documents whose attribute {@code attribute} is {@code value}. */
        public static FieldValue attribute(String attribute, String value) {
            return new FieldValue(value, Objects.requireNonNull(attribute), value);
        }

        /** True for a label feature. */
        public boolean isLabel() {
            return attribute == null;
        }
    }

    /** Present where any of {@code parts} is (a group spelled several ways in a column: female, Female, F). */
    record AnyOf(String name, List<Feature> parts) implements Feature {
        public AnyOf {
            Objects.requireNonNull(name);
            parts = List.copyOf(parts);
        }
    }

    /**
     * Present where every one of {@code parts} is: a cell of an intersection of axes ({@code female+black}
     * is in a unit that holds a female term and a black term, or whose document's fields give both groups).
     */
    record AllOf(String name, List<Feature> parts) implements Feature {
        public AllOf {
            Objects.requireNonNull(name);
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("an intersection feature needs at least one part");
            }
        }
    }
}
