package dev.debias.augment.swap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One replacement made in a text: characters {@code [start, end)} of the original, which read
 * {@code before}, now read {@code after}.
 *
 * @param start first character offset in the original text
 * @param end end offset (exclusive) in the original text
 * @param before the original characters
 * @param after what replaced them
 */
public record Substitution(int start, int end, String before, String after) {
    public Substitution {
        Objects.requireNonNull(before);
        Objects.requireNonNull(after);
        if (start < 0 || end < start || end - start != before.length()) {
            throw new IllegalArgumentException("invalid span " + start + "-" + end + " for '" + before + "'");
        }
    }

    /** {@code start-end:before>after}, the form written to the {@code substitutions} field. */
    @Override
    public String toString() {
        return start + "-" + end + ":" + before + ">" + after;
    }

    /** The {@code substitutions} field: substitutions in {@link #toString()} form, separated by {@code "; "}. */
    public static String format(List<Substitution> list) {
        StringBuilder sb = new StringBuilder();
        for (Substitution s : list) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(s);
        }
        return sb.toString();
    }

    /** Parses a {@code substitutions} field written by {@link #format}. */
    public static List<Substitution> parse(String field) {
        List<Substitution> out = new ArrayList<>();
        if (field == null || field.isEmpty()) {
            return out;
        }
        int i = 0;
        while (i < field.length()) {
            int dash = field.indexOf('-', i);
            int colon = field.indexOf(':', dash);
            int start = Integer.parseInt(field.substring(i, dash));
            int end = Integer.parseInt(field.substring(dash + 1, colon));
            String before = field.substring(colon + 1, colon + 1 + end - start);
            int gt = colon + 1 + before.length();
            if (field.charAt(gt) != '>') {
                throw new IllegalArgumentException("malformed substitution at offset " + i + " of '" + field + "'");
            }
            int next = field.indexOf("; ", gt + 1);
            // "after" never holds "; " followed by a digit run and '-': substitutions are words
            while (next >= 0 && !startsEntry(field, next + 2)) {
                next = field.indexOf("; ", next + 2);
            }
            String after = field.substring(gt + 1, next < 0 ? field.length() : next);
            out.add(new Substitution(start, end, before, after));
            i = next < 0 ? field.length() : next + 2;
        }
        return out;
    }

    private static boolean startsEntry(String s, int i) {
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        return j > i && j < s.length() && s.charAt(j) == '-';
    }
}
