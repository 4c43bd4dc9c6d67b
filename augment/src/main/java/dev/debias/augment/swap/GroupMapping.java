package dev.debias.augment.swap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which group of an axis becomes which in a counterfactual: each source group maps to at most one target
 * group, and a group that maps to nothing keeps its terms. {@link #pair} swaps two groups both ways and
 * leaves the others alone; {@link #toward} sends every other group to one target; {@link #oneWay} sends
 * one group to another. Immutable.
 *
 * @param targets the target group of each source group, in definition order
 */
public record GroupMapping(Map<String, String> targets) {
    public GroupMapping {
        targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        targets.forEach((from, to) -> {
            if (from.equals(to)) {
                throw new IllegalArgumentException("the group '" + from + "' is mapped to itself");
            }
        });
    }

    /** Groups {@code a} and {@code b} swapped both ways; the other groups keep their terms. */
    public static GroupMapping pair(String a, String b) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Objects.requireNonNull(a), Objects.requireNonNull(b));
        m.put(b, a);
        return new GroupMapping(m);
    }

    /** Every group of {@code groups} other than {@code target} becomes {@code target}. */
    public static GroupMapping toward(String target, List<String> groups) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String g : groups) {
            if (!g.equals(target)) {
                m.put(g, target);
            }
        }
        return new GroupMapping(m);
    }

    /** Only group {@code from} changes, to {@code to}. */
    public static GroupMapping oneWay(String from, String to) {
        return new GroupMapping(Map.of(from, to));
    }

    /** The target of {@code group}, or null when its terms stay. */
    public String targetOf(String group) {
        return group == null ? null : targets.get(group);
    }

    /** True when exactly two groups map onto each other. */
    public boolean twoWay() {
        if (targets.size() != 2) {
            return false;
        }
        var it = targets.entrySet().iterator();
        var a = it.next();
        var b = it.next();
        return a.getKey().equals(b.getValue()) && b.getKey().equals(a.getValue());
    }

    /** The one target every source maps to, or null when there are several. */
    public String singleTarget() {
        return targets.values().stream().distinct().count() == 1 ? targets.values().iterator().next() : null;
    }

    /** {@code a<->b} for a pair, else {@code from->to} entries separated by commas. */
    @Override
    public String toString() {
        if (twoWay()) {
            var it = targets.keySet().iterator();
            return it.next() + "<->" + it.next();
        }
        StringBuilder b = new StringBuilder();
        targets.forEach((f, t) -> b.append(b.isEmpty() ? "" : ",").append(f).append("->").append(t));
        return b.toString();
    }
}
