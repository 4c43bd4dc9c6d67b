package dev.debias.lexicon;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Term lists grouped by axis and group, in definition order (order matters: name lists are in
 * frequency rank). A term (by its normalized {@link LexiconTerm#key() key}) belongs to at most one
 * group per axis. Immutable.
 */
public final class TermLexicon {
    private final Map<String, Map<String, LexiconTerm>> byAxis;

    private TermLexicon(Map<String, Map<String, LexiconTerm>> byAxis) {
        this.byAxis = byAxis;
    }

    /** A lexicon of these terms; a later term with the same axis and key replaces the earlier one in place. */
    public static TermLexicon of(List<LexiconTerm> terms) {
        Map<String, Map<String, LexiconTerm>> m = new LinkedHashMap<>();
        for (LexiconTerm t : terms) {
            m.computeIfAbsent(t.axis(), a -> new LinkedHashMap<>()).put(t.key(), t);
        }
        m.replaceAll((a, v) -> Collections.unmodifiableMap(v));
        return new TermLexicon(Collections.unmodifiableMap(m));
    }

    /** The axes, in definition order. */
    public List<String> axes() {
        return List.copyOf(byAxis.keySet());
    }

    /** The groups of an axis, in definition order; empty for an unknown axis. */
    public List<String> groups(String axis) {
        Set<String> g = new LinkedHashSet<>();
        byAxis.getOrDefault(axis, Map.of()).values().forEach(t -> g.add(t.group()));
        return List.copyOf(g);
    }

    /** Every term, in definition order. */
    public List<LexiconTerm> terms() {
        List<LexiconTerm> out = new ArrayList<>();
        byAxis.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    /** The terms of one group, ambiguous ones included only when asked, in definition (rank) order. */
    public List<LexiconTerm> terms(String axis, String group, boolean includeAmbiguous) {
        return byAxis.getOrDefault(axis, Map.of()).values().stream()
                .filter(t -> t.group().equals(group) && (includeAmbiguous || !t.ambiguous()))
                .toList();
    }

    /** The term of {@code axis} whose normalized form is {@code key}, if any. */
    public Optional<LexiconTerm> lookup(String axis, String key) {
        return Optional.ofNullable(byAxis.getOrDefault(axis, Map.of()).get(key));
    }

    /** This lexicon restricted to one axis. */
    public TermLexicon axis(String axis) {
        return new TermLexicon(byAxis.containsKey(axis) ? Map.of(axis, byAxis.get(axis)) : Map.of());
    }

    /** Number of terms over all axes. */
    public int size() {
        return byAxis.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * This lexicon extended by {@code other}: its new terms are added, and a term both define takes
     * the other's group and flags (so a user file can move or flag a built-in term).
     */
    public TermLexicon merge(TermLexicon other) {
        List<LexiconTerm> all = new ArrayList<>(terms());
        all.addAll(other.terms());
        return of(all);
    }

    /** This lexicon without the terms whose axis and key appear in {@code removed}. */
    TermLexicon without(List<LexiconTerm> removed) {
        Set<String> gone = new LinkedHashSet<>();
        removed.forEach(t -> gone.add(t.axis() + "\u0000" + t.key()));
        return of(terms().stream().filter(t -> !gone.contains(t.axis() + "\u0000" + t.key())).toList());
    }
}
