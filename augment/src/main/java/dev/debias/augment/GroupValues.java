package dev.debias.augment;

import dev.debias.audit.Audit;
import dev.debias.augment.swap.CaseStyle;
import dev.debias.corpus.GroupValueMap;
import java.util.List;
import java.util.Locale;

/**
 * Maps a ground-truth group value to the counterpart group's value when a record is swapped, in the
 * value's own style: {@code female} to {@code male}, {@code Female} to {@code Male}, {@code F} to
 * {@code M}. A value stands for a group when a {@link GroupValueMap} maps it there, or else when
 * equal ignoring case, or when it is one letter that starts exactly one group. A group the mapping
 * gives a value for is written as that value ({@code African-American} for {@code black}).
 */
final class GroupValues {
    private GroupValues() {}

    /** The group {@code value} stands for among {@code groups}, or null: the audit's rule ({@link Audit#groupOf}). */
    static String groupOf(String value, List<String> groups) {
        return Audit.groupOf(value, groups);
    }

    /** The group {@code value} stands for among {@code groups} by {@code map}, then by name; or null. */
    static String groupOf(String value, List<String> groups, GroupValueMap map) {
        return map.groupOf(value, groups);
    }

    /**
     * The value of group {@code to} replacing {@code value} (of group {@code from}): the first value
     * {@code map} gives {@code to}, else {@code to} in {@code value}'s style.
     */
    static String counterpart(String value, String from, String to, GroupValueMap map) {
        String mapped = map.valueOf(to);
        return mapped != null ? mapped : counterpart(value, from, to);
    }

    /** The value of the counterpart group (two groups only), or {@code value} unchanged when there is none. */
    static String counterpart(String value, String from, String to) {
        String v = value.strip();
        if (v.length() == 1 && !from.equalsIgnoreCase(v)) {
            String letter = to.substring(0, 1);
            return Character.isUpperCase(v.charAt(0)) ? letter.toUpperCase(Locale.ROOT) : letter.toLowerCase(Locale.ROOT);
        }
        return CaseStyle.apply(v, to);
    }
}
