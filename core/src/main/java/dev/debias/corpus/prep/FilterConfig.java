package dev.debias.corpus.prep;

import java.util.List;
import java.util.Objects;

/**
 * Which records a {@link CorpusFilter} keeps. A record is kept when all of these hold:
 * <ul>
 * <li>for every field named in {@code where}, its value equals one of the values listed for that field
 *     (values of one field are alternatives, different fields must all hold);</li>
 * <li>it matches none of {@code whereNot};</li>
 * <li>for every axis in {@code match}, its text names one of the groups listed for that axis (a condition
 *     without a group: any group of the axis);</li>
 * <li>its text names none of the groups of {@code noMatch} (without a group: no group of the axis).</li>
 * </ul>
 * Conditions on one axis are those with the same {@link AxisDetector} instance.
 *
 * @param where field conditions to keep by
 * @param whereNot field conditions to drop by
 * @param match lexicon conditions to keep by
 * @param noMatch lexicon conditions to drop by
 */
public record FilterConfig(List<FieldCondition> where, List<FieldCondition> whereNot, List<LexiconCondition> match,
        List<LexiconCondition> noMatch) {
    public FilterConfig {
        where = List.copyOf(where);
        whereNot = List.copyOf(whereNot);
        match = List.copyOf(match);
        noMatch = List.copyOf(noMatch);
        if (where.isEmpty() && whereNot.isEmpty() && match.isEmpty() && noMatch.isEmpty()) {
            throw new IllegalArgumentException("name at least one condition to filter by");
        }
    }

    /**
     * A field's value, compared exactly (case and spaces count).
     *
     * @param field the field as named in the input: the mapped text, label or id field, or an attribute
     * @param value the value
     */
    public record FieldCondition(String field, String value) {
        public FieldCondition {
            Objects.requireNonNull(field);
            Objects.requireNonNull(value);
        }

        /**
         * Parses {@code field=value} (split at the first {@code =}; the value may be empty).
         *
         * @throws IllegalArgumentException when there is no {@code =} or no field name
         */
        public static FieldCondition parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + spec + "' is not a field condition; write FIELD=VALUE, "
                        + "e.g. gender=female");
            }
            return new FieldCondition(spec.substring(0, eq), spec.substring(eq + 1));
        }
    }

    /**
     * The text naming a group of an axis.
     *
     * @param detector the axis
     * @param group one of its groups, or null for any
     */
    public record LexiconCondition(AxisDetector detector, String group) {
        public LexiconCondition {
            Objects.requireNonNull(detector);
            if (group != null && !detector.groups().contains(group)) {
                throw new IllegalArgumentException("the axis " + detector.axis() + " has no group '" + group
                        + "'; its groups are " + detector.groups());
            }
        }
    }
}
