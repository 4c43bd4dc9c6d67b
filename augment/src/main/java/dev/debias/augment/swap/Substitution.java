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
    private static final java.util.regex.Pattern HEAD = java.util.regex.Pattern.compile("\\d{1,9}-\\d{1,9}:");

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

    /**
     * Parses a {@code substitutions} field written by {@link #format}.
     *
     * @throws IllegalArgumentException when the field is malformed
     */
    public static List<Substitution> parse(String field) {
        List<Substitution> out = new ArrayList<>();
        if (field == null || field.isEmpty()) {
            return out;
        }
        int i = 0;
        while (i < field.length()) {
            int[] head = entryAt(field, i);
            if (head == null) {
                throw new IllegalArgumentException("malformed substitution at offset " + i + " of '" + field
                        + "'; expected start-end:before>after");
            }
            int start = head[0];
            int end = head[1];
            int gt = head[2] + (end - start);
            String before = field.substring(head[2], gt);
            // "after" runs to the next "; " followed by an entry head "start-end:", or to the end
            int next = field.indexOf("; ", gt + 1);
            while (next >= 0 && !HEAD.matcher(field).region(next + 2, field.length()).lookingAt()) {
                next = field.indexOf("; ", next + 2);
            }
            String after = field.substring(gt + 1, next < 0 ? field.length() : next);
            out.add(new Substitution(start, end, before, after));
            i = next < 0 ? field.length() : next + 2;
        }
        return out;
    }

    /**
     * If a well-formed entry head {@code start-end:} followed by {@code end - start} characters and
     * {@code >} begins at {@code i}, its start, end and the offset of its {@code before}; else null.
     */
    private static int[] entryAt(String s, int i) {
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        if (j == i || j - i > 9 || j >= s.length() || s.charAt(j) != '-') {
            return null;
        }
        int k = j + 1;
        while (k < s.length() && Character.isDigit(s.charAt(k))) {
            k++;
        }
        if (k == j + 1 || k - j - 1 > 9 || k >= s.length() || s.charAt(k) != ':') {
            return null;
        }
        int start = Integer.parseInt(s.substring(i, j));
        int end = Integer.parseInt(s.substring(j + 1, k));
        int gt = k + 1 + (end - start);
        if (end < start || gt >= s.length() || s.charAt(gt) != '>') {
            return null;
        }
        return new int[] {start, end, k + 1};
    }
}
