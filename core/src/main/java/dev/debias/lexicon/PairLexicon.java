package dev.debias.lexicon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counterfactual substitution pairs by axis and source term. A source term has at most one pair per
 * part-of-speech condition (and at most one unconditional pair). Immutable.
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
            m.put(key(p.axis(), p.term(), p.posTag()), p);
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

    /** The pairs whose source is {@code term} (lower-case) on {@code axis}: conditional ones first, then the unconditional one. */
    public List<CounterfactualPair> lookup(String axis, String term) {
        List<CounterfactualPair> out = new ArrayList<>();
        CounterfactualPair any = null;
        for (CounterfactualPair p : pairs.values()) {
            if (p.axis().equals(axis) && p.term().equals(term)) {
                if (p.unconditional()) {
                    any = p;
                } else {
                    out.add(p);
                }
            }
        }
        if (any != null) {
            out.add(any);
        }
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
}
