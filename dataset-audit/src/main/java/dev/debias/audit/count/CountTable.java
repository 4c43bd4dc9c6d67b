package dev.debias.audit.count;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Exact unit counts for one axis (its groups) against one set of targets, at one scope: everything
 * the statistics need. For group {@code g}: <em>rest</em> units hold another group of the axis but not
 * {@code g}; <em>exclusive</em> units hold {@code g} and no other group. Arrays are indexed by group
 * and target position; instances are immutable (the arrays are copied and never exposed).
 */
public final class CountTable {
    private final Scope scope;
    private final long units;
    private final List<String> groups;
    private final List<String> targets;
    private final long[] group;
    private final long[] rest;
    private final long[] exclusive;
    private final long[] target;
    private final long[][] both;
    private final long[][] restBoth;
    private final long[][] exclusiveBoth;
    private final long[] exclusiveAnyTarget;

    /**
     * @param scope the unit kind
     * @param units all units of the corpus
     * @param groups group names
     * @param targets target names
     * @param group units holding each group
     * @param rest units holding another group but not this one
     * @param exclusive units holding this group and no other
     * @param target units holding each target
     * @param both {@code [g][t]}: units holding group g and target t
     * @param restBoth {@code [g][t]}: rest units of g holding target t
     * @param exclusiveBoth {@code [g][t]}: exclusive units of g holding target t
     * @param exclusiveAnyTarget exclusive units of g holding any target
     */
    public CountTable(Scope scope, long units, List<String> groups, List<String> targets, long[] group, long[] rest,
            long[] exclusive, long[] target, long[][] both, long[][] restBoth, long[][] exclusiveBoth,
            long[] exclusiveAnyTarget) {
        this.scope = Objects.requireNonNull(scope);
        this.units = units;
        this.groups = List.copyOf(groups);
        this.targets = List.copyOf(targets);
        int g = groups.size();
        int t = targets.size();
        this.group = check(group, g, "group");
        this.rest = check(rest, g, "rest");
        this.exclusive = check(exclusive, g, "exclusive");
        this.target = check(target, t, "target");
        this.both = check(both, g, t, "both");
        this.restBoth = check(restBoth, g, t, "restBoth");
        this.exclusiveBoth = check(exclusiveBoth, g, t, "exclusiveBoth");
        this.exclusiveAnyTarget = check(exclusiveAnyTarget, g, "exclusiveAnyTarget");
    }

    private static long[] check(long[] a, int n, String name) {
        if (a.length != n) {
            throw new IllegalArgumentException(name + " has " + a.length + " entries, expected " + n);
        }
        return a.clone();
    }

    private static long[][] check(long[][] a, int g, int t, String name) {
        if (a.length != g) {
            throw new IllegalArgumentException(name + " has " + a.length + " rows, expected " + g);
        }
        long[][] out = new long[g][];
        for (int i = 0; i < g; i++) {
            out[i] = check(a[i], t, name + "[" + i + "]");
        }
        return out;
    }

    public Scope scope() {
        return scope;
    }

    /** All units of the corpus. */
    public long units() {
        return units;
    }

    public List<String> groups() {
        return groups;
    }

    public List<String> targets() {
        return targets;
    }

    /** Units holding group {@code g}. */
    public long group(int g) {
        return group[g];
    }

    /** Units holding another group of the axis but not {@code g}. */
    public long rest(int g) {
        return rest[g];
    }

    /** Units holding {@code g} and no other group of the axis. */
    public long exclusive(int g) {
        return exclusive[g];
    }

    /** Units holding target {@code t}. */
    public long target(int t) {
        return target[t];
    }

    /** Units holding group {@code g} and target {@code t}. */
    public long both(int g, int t) {
        return both[g][t];
    }

    /** Rest units of {@code g} holding target {@code t}. */
    public long restBoth(int g, int t) {
        return restBoth[g][t];
    }

    /** Exclusive units of {@code g} holding target {@code t}. */
    public long exclusiveBoth(int g, int t) {
        return exclusiveBoth[g][t];
    }

    /** Exclusive units of {@code g} holding any target. */
    public long exclusiveAnyTarget(int g) {
        return exclusiveAnyTarget[g];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CountTable c && scope.equals(c.scope) && units == c.units && groups.equals(c.groups)
                && targets.equals(c.targets) && Arrays.equals(group, c.group) && Arrays.equals(rest, c.rest)
                && Arrays.equals(exclusive, c.exclusive) && Arrays.equals(target, c.target)
                && Arrays.deepEquals(both, c.both) && Arrays.deepEquals(restBoth, c.restBoth)
                && Arrays.deepEquals(exclusiveBoth, c.exclusiveBoth)
                && Arrays.equals(exclusiveAnyTarget, c.exclusiveAnyTarget);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scope, units, groups, targets, Arrays.hashCode(group), Arrays.deepHashCode(both));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CountTable[").append(scope).append(", units=").append(units);
        for (int g = 0; g < groups.size(); g++) {
            sb.append("\n  ").append(groups.get(g)).append(": units=").append(group[g]).append(" rest=")
                    .append(rest[g]).append(" exclusive=").append(exclusive[g]).append(" both=")
                    .append(Arrays.toString(both[g])).append(" restBoth=").append(Arrays.toString(restBoth[g]));
        }
        return sb.append("\n  targets ").append(targets).append(": ").append(Arrays.toString(target)).append(']')
                .toString();
    }
}
