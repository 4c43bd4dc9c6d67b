package dev.debias.evaluate.counterfactual;

import dev.debias.augment.swap.Counterfactual;
import dev.debias.core.InvalidInputException;
import dev.debias.corpus.Record;
import java.util.Map;
import java.util.TreeMap;

/** The second text of a sentence-pair record, and how a swapped pair is shown and attributed to a group. */
final class PairText {
    /** Between the two texts of a pair where an example is shown as one text. */
    static final String SEPARATOR = " || ";

    private PairText() {}

    /**
     * The record's second text, from {@code field}.
     *
     * @throws InvalidInputException naming the record when the field is missing or empty
     */
    static String second(Record r, String field) {
        String v = r.attribute(field).orElse(null);
        if (v == null || v.isBlank()) {
            throw new InvalidInputException("record " + r.id() + " has " + (v == null ? "no" : "an empty")
                    + " pair field '" + field + "'; the model reads sentence pairs");
        }
        return v;
    }

    /** The pair as one line: {@code first || second}. */
    static String display(String first, String second) {
        return first + SEPARATOR + second;
    }

    /** The axis terms found in both texts, by group; those of the first alone when there is no second. */
    static Map<String, Integer> groups(Counterfactual first, Counterfactual second) {
        if (second == null) {
            return first.groupsFound();
        }
        Map<String, Integer> out = new TreeMap<>(first.groupsFound());
        second.groupsFound().forEach((g, n) -> out.merge(g, n, Integer::sum));
        return out;
    }
}
