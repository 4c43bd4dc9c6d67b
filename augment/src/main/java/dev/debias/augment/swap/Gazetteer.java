package dev.debias.augment.swap;

import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.TermLexicon;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a counterfactual must leave alone because its terms do not denote a person's group, read from a
 * term list of axis {@code protected} whose group is the kind: {@code figure} (a name never swapped:
 * {@code Jesus}), {@code person} (a known person's full name: {@code Tony Blair}), {@code idiom}
 * ({@code oh man}, {@code the White House}), {@code title} (a work: {@code Little Women}), and
 * {@code surname} (a known person's surname: a first name right before it is kept, as in
 * {@code Donald Trump}). Phrases match case-insensitively on whole tokens, longest first. Immutable.
 */
final class Gazetteer {
    /** The axis of a protected-phrase term list. */
    static final String AXIS = "protected";
    private static final Set<String> KINDS = Set.of("figure", "person", "idiom", "title", "surname");

    private final Map<String, List<LexiconTerm>> phrasesByFirst;
    private final Set<String> surnames;

    private Gazetteer(Map<String, List<LexiconTerm>> phrasesByFirst, Set<String> surnames) {
        this.phrasesByFirst = phrasesByFirst;
        this.surnames = surnames;
    }

    /** Nothing protected. */
    static Gazetteer none() {
        return new Gazetteer(Map.of(), Set.of());
    }

    /** The gazetteer of a term list's {@value #AXIS} axis; an unknown kind is an error naming the term's line. */
    static Gazetteer of(TermLexicon lexicon) {
        Map<String, List<LexiconTerm>> phrases = new HashMap<>();
        Set<String> surnames = new HashSet<>();
        for (LexiconTerm t : lexicon.axis(AXIS).terms()) {
            if (!KINDS.contains(t.group())) {
                throw new IllegalArgumentException(t.origin() + ": unknown kind '" + t.group() + "' of a protected phrase;"
                        + " kinds are " + KINDS.stream().sorted().toList());
            }
            if (t.group().equals("surname")) {
                surnames.add(t.key());
            } else {
                phrases.computeIfAbsent(t.tokens().get(0), k -> new ArrayList<>()).add(t);
            }
        }
        phrases.values().forEach(l -> l.sort(Comparator.comparingInt((LexiconTerm t) -> -t.tokens().size())));
        return new Gazetteer(phrases, surnames);
    }

    /**
     * This gazetteer also shielding the multi-word terms of {@code other} (a term list of another axis), as kind
     * {@code AXIS term}: on the nationality axis, the race terms {@code African American} and {@code Chinese
     * American} must not become {@code African Canadian} or {@code Mexican American}.
     */
    Gazetteer shielding(TermLexicon other) {
        Map<String, List<LexiconTerm>> phrases = new HashMap<>();
        phrasesByFirst.forEach((k, v) -> phrases.put(k, new ArrayList<>(v)));
        for (LexiconTerm t : other.terms()) {
            if (t.isPhrase()) {
                phrases.computeIfAbsent(t.tokens().get(0), k -> new ArrayList<>()).add(new LexiconTerm(AXIS,
                        t.axis() + " term", t.term(), t.tokens(), false, t.origin()));
            }
        }
        phrases.values().forEach(l -> l.sort(Comparator.comparingInt((LexiconTerm t) -> -t.tokens().size())));
        return new Gazetteer(phrases, surnames);
    }

    /** The protected phrase starting at token {@code i}, longest first, or null. */
    LexiconTerm phraseAt(List<String> tokens, int i) {
        for (LexiconTerm t : phrasesByFirst.getOrDefault(tokens.get(i), List.of())) {
            List<String> p = t.tokens();
            if (i + p.size() <= tokens.size() && tokens.subList(i, i + p.size()).equals(p)) {
                return t;
            }
        }
        return null;
    }

    /** True when {@code token} (lower-case) is a known person's surname. */
    boolean isSurname(String token) {
        return surnames.contains(token);
    }
}
