package dev.debias.corpus;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which value of a ground-truth group column stands for which group, for columns whose values are not
 * the lexicon's group names: EEC's {@code African-American} and {@code European} for {@code black} and
 * {@code white}, RedditBias' {@code jews} for {@code jewish}. Parsed from {@code VALUE=GROUP,VALUE=GROUP}
 * ({@link #parse}); values are compared ignoring case and surrounding space and may hold spaces and
 * hyphens. Immutable.
 *
 * <p>A value stands for a group ({@link #groupOf}) by the mapping first; a value the mapping does not
 * name stands for a group by name: equal to it ignoring case, or one letter starting exactly one group
 * ({@code F} for {@code female}). A group is written back ({@link #valueOf}) as the first value that the
 * mapping gives it.
 */
public final class GroupValueMap {
    /** No mapping: every value stands for a group by name only. */
    public static final GroupValueMap NONE = new GroupValueMap(new LinkedHashMap<>());

    /** Value as written (stripped) to group, in the order given. */
    private final Map<String, String> entries;
    /** Value lower-cased and stripped to group. */
    private final Map<String, String> byKey = new LinkedHashMap<>();

    private GroupValueMap(Map<String, String> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        entries.forEach((v, g) -> byKey.put(key(v), g));
    }

    /**
     * Parses {@code VALUE=GROUP,VALUE=GROUP} ({@code African-American=black,European=white}); several
     * values may map to one group.
     *
     * @throws InvalidInputException naming the entry that is not {@code VALUE=GROUP}, or a value given
     *     two different groups
     */
    public static GroupValueMap parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        if (spec.isBlank()) {
            throw new InvalidInputException(Setting.GROUP_VALUES + " is empty; give VALUE=GROUP entries separated "
                    + "by commas, e.g. African-American=black,European=white");
        }
        for (String entry : spec.split(",", -1)) {
            String[] vg = entry.split("=", -1);
            if (vg.length != 2 || vg[0].isBlank() || vg[1].isBlank()) {
                throw new InvalidInputException(Setting.GROUP_VALUES + ": the entry '" + entry.strip() + "' of '"
                        + spec + "' is not VALUE=GROUP (e.g. African-American=black,European=white)");
            }
            String value = vg[0].strip();
            String group = vg[1].strip();
            String before = seen.put(key(value), group);
            if (before != null && !before.equalsIgnoreCase(group)) {
                throw new InvalidInputException(Setting.GROUP_VALUES + ": the value '" + value + "' is mapped to both '"
                        + before + "' and '" + group + "'; map each value to one group");
            }
            if (before == null) {
                out.put(value, group);
            }
        }
        return new GroupValueMap(out);
    }

    /**
     * This mapping checked against one axis: every group it names must be one of {@code groups}
     * (ignoring case); the result spells each group as {@code groups} does.
     *
     * @throws InvalidInputException naming the entry and the axis' groups
     */
    public GroupValueMap requireGroupsOf(String axis, List<String> groups) {
        return requireGroupsOf(Map.of(axis, groups));
    }

    /**
     * This mapping checked against several axes (axis name to its groups): every group it names must be
     * a group of one of them (ignoring case); the result spells each group as its axis does.
     *
     * @throws InvalidInputException naming the entry and every axis' groups
     */
    public GroupValueMap requireGroupsOf(Map<String, List<String>> axes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : entries.entrySet()) {
            String group = axes.values().stream().flatMap(List::stream).filter(g -> g.equalsIgnoreCase(e.getValue()))
                    .findFirst().orElse(null);
            if (group == null) {
                List<String> known = new ArrayList<>();
                axes.forEach((a, gs) -> known.add("axis " + a + " " + gs));
                throw new InvalidInputException(Setting.GROUP_VALUES + ": the entry '" + e.getKey() + "=" + e.getValue()
                        + "' maps to '" + e.getValue() + "', which is no group of " + String.join("; ", known)
                        + "; map each value to one of those groups");
            }
            out.put(e.getKey(), group);
        }
        return new GroupValueMap(out);
    }

    /** Whether the mapping names no value. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entries, value (as written, stripped) to group, in the order given. */
    public Map<String, String> entries() {
        return entries;
    }

    /** The group the mapping gives {@code value} (ignoring case and surrounding space), or null. */
    public String mapped(String value) {
        return value == null ? null : byKey.get(key(value));
    }

    /**
     * The group {@code value} stands for among {@code groups}, or null: the mapping's group when it names
     * the value (null when that group is not among {@code groups}), else by name ({@link #byName}).
     */
    public String groupOf(String value, List<String> groups) {
        String m = mapped(value);
        if (m != null) {
            return groups.stream().filter(g -> g.equalsIgnoreCase(m)).findFirst().orElse(null);
        }
        return byName(value, groups);
    }

    /**
     * The group a value stands for by name: equal ignoring case, or a single letter starting exactly
     * one group ({@code F} for {@code female}); null when none.
     */
    public static String byName(String value, List<String> groups) {
        String v = value.strip();
        for (String g : groups) {
            if (g.equalsIgnoreCase(v)) {
                return g;
            }
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.length() == 1) {
            List<String> starting = groups.stream().filter(g -> g.toLowerCase(Locale.ROOT).startsWith(lower)).toList();
            if (starting.size() == 1) {
                return starting.get(0);
            }
        }
        return null;
    }

    /** The first value the mapping gives {@code group} (ignoring case), as written; null when none. */
    public String valueOf(String group) {
        return entries.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(group)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    /** The mapping as {@link #parse} reads it: {@code African-American=black,European=white}; empty for none. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        entries.forEach((v, g) -> b.append(b.isEmpty() ? "" : ",").append(v).append('=').append(g));
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupValueMap m && m.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    private static String key(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
