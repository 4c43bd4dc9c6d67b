package dev.debias.lexicon;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Counterfactual substitution pairs by axis and source term. A source term has at most one pair per
 * part-of-speech condition and target group (directed pairs have no stated target group, so at most
 * one unconditional directed pair). Immutable.
 */
public final class PairLexicon {
    private final Map<String, CounterfactualPair> pairs;

    private PairLexicon(Map<String, CounterfactualPair> pairs) {
        this.pairs = pairs;
    }

    /** A lexicon of these pairs; a later pair with the same axis, term and condition replaces the earlier. */
    public static PairLexicon of(List<CounterfactualPair> list) {
        Map<String, CounterfactualPair> m = new LinkedHashMap<>();
        for (CounterfactualPair p : list) {
            m.put(key(p.axis(), p.term(), p.posTag()) + "\u0000" + Objects.requireNonNullElse(p.toGroup(), ""), p);
        }
        return new PairLexicon(java.util.Collections.unmodifiableMap(m));
    }

    private static String key(String axis, String term, String pos) {
        return axis + "\u0000" + term + "\u0000" + Objects.requireNonNullElse(pos, "");
    }

    /** Every pair, in definition order. */
    public List<CounterfactualPair> pairs() {
        return List.copyOf(pairs.values());
    }

    /** The pairs of one axis, in definition order. */
    public List<CounterfactualPair> pairs(String axis) {
        return pairs.values().stream().filter(p -> p.axis().equals(axis)).toList();
    }

    /**
     * The pairs whose source is {@code term} (lower-case) on {@code axis}: conditional ones first, then the
     * unconditional ones, each in definition order.
     */
    public List<CounterfactualPair> lookup(String axis, String term) {
        List<CounterfactualPair> out = new ArrayList<>();
        List<CounterfactualPair> any = new ArrayList<>();
        for (CounterfactualPair p : pairs.values()) {
            if (p.axis().equals(axis) && p.term().equals(term)) {
                (p.unconditional() ? any : out).add(p);
            }
        }
        out.addAll(any);
        return out;
    }

    /** Number of pairs. */
    public int size() {
        return pairs.size();
    }

    /** This lexicon extended by {@code other}, whose pairs win where both define the same term and condition. */
    public PairLexicon merge(PairLexicon other) {
        List<CounterfactualPair> all = new ArrayList<>(pairs.values());
        all.addAll(other.pairs.values());
        return of(all);
    }

    /**
     * Checks the pairs of {@code axis} against the term list that gives the axis' terms their groups,
     * so every counterpart copy holds a group: no term is mapped to itself, every counterpart is a term
     * of the axis in {@code terms}, a counterpart row's terms belong to the groups the row names, and no
     * chain of directed pairs returns to its start through two or more other terms (a cycle such as
     * {@code a -> b -> c -> a}, which sends a swapped text to a third term instead of back). The pairs'
     * origins are their {@code source:line}.
     *
     * @throws LexiconFormatException naming the file and line of the first offending pair, in definition order
     */
    public void requireConsistentWith(TermLexicon terms, String axis) {
        List<CounterfactualPair> list = pairs(axis);
        Map<String, Set<String>> next = new HashMap<>();
        for (CounterfactualPair p : list) {
            String cp = dev.debias.text.Tokens.normalize(p.counterpart());
            if (p.term().equals(cp)) {
                throw new LexiconFormatException(where(p) + "'" + p.term() + "' is mapped to itself, so its copy "
                        + "would not change; map it to a term of another group or remove the line");
            }
            if (terms.lookup(axis, cp).isEmpty()) {
                throw new LexiconFormatException(where(p) + "the counterpart '" + p.counterpart() + "' of '" + p.term()
                        + "' is not a term of axis '" + axis + "' in the term list, so a copy holding it would hold no "
                        + "group; add it to the term list or fix the pair");
            }
            if (p.fromRow()) {
                requireGroup(terms, axis, p, p.term(), p.group());
                requireGroup(terms, axis, p, cp, p.toGroup());
                continue;
            }
            next.computeIfAbsent(p.term(), k -> new HashSet<>()).add(p.counterpart());
        }
        List<CounterfactualPair> directed = list.stream().filter(p -> !p.fromRow()).toList();
        for (CounterfactualPair p : directed) {
            for (CounterfactualPair q : directed) {
                if (q.term().equals(p.counterpart()) && !q.counterpart().equals(p.term())
                        && reaches(next, q.counterpart(), p.term(), p.counterpart())) {
                    throw new LexiconFormatException(where(p) + "'" + p.term() + "' -> '" + p.counterpart() + "' and '"
                            + q.term() + "' -> '" + q.counterpart() + "' (" + q.origin() + ") lead back to '" + p.term()
                            + "' through other terms: the pairs form a cycle, so a swapped text would not swap back; "
                            + "pair each term with the term that maps back to it");
                }
            }
        }
    }

    private static void requireGroup(TermLexicon terms, String axis, CounterfactualPair p, String term, String group) {
        LexiconTerm t = terms.lookup(axis, term).orElse(null);
        if (t == null) {
            throw new LexiconFormatException(where(p) + "'" + term + "' is not a term of axis '" + axis
                    + "' in the term list; add it to the term list under group '" + group + "' or fix the row");
        }
        if (!t.group().equals(group)) {
            throw new LexiconFormatException(where(p) + "the row puts '" + term + "' in group '" + group
                    + "', but the term list has it in group '" + t.group() + "' (" + t.origin() + ")");
        }
    }

    /** Whether a chain of pairs leads from {@code from} to {@code to} without passing {@code avoid}. */
    private static boolean reaches(Map<String, Set<String>> next, String from, String to, String avoid) {
        Set<String> seen = new HashSet<>(List.of(from, avoid));
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String t = todo.poll();
            if (t.equals(to)) {
                return true;
            }
            for (String n : next.getOrDefault(t, Set.of())) {
                if (seen.add(n)) {
                    todo.add(n);
                }
            }
        }
        return false;
    }

    private static String where(CounterfactualPair p) {
        return p.origin() == null ? "" : p.origin() + ": ";
    }
}
