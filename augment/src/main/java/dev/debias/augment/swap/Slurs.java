package dev.debias.augment.swap;

import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.TermLexicon;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The slurs aimed at each group of one axis, read from a term list of that axis (see {@code builtin:slurs}).
 * A counterfactual that sends a group away while a slur aimed at it stays would put the slur beside the new
 * group, so the swapper writes no such copy. Phrases match case-insensitively on whole tokens. Immutable.
 */
final class Slurs {
    private final Map<String, List<LexiconTerm>> byFirst;

    private Slurs(Map<String, List<LexiconTerm>> byFirst) {
        this.byFirst = byFirst;
    }

    /** The slurs of {@code axis} in {@code lexicon}; none when the lexicon is null or lacks the axis. */
    static Slurs of(TermLexicon lexicon, String axis) {
        Map<String, List<LexiconTerm>> m = new HashMap<>();
        if (lexicon != null) {
            for (LexiconTerm t : lexicon.axis(axis).terms()) {
                m.computeIfAbsent(t.tokens().get(0), k -> new ArrayList<>()).add(t);
            }
        }
        m.values().forEach(l -> l.sort(Comparator.comparingInt((LexiconTerm t) -> -t.tokens().size())));
        return new Slurs(m);
    }

    /**
     * The first slur in {@code tokens} (lower-case, in text order) aimed at a group that {@code with} sends to
     * another group, or null.
     */
    LexiconTerm aimedAway(List<String> tokens, GroupMapping with) {
        if (byFirst.isEmpty()) {
            return null;
        }
        for (int i = 0; i < tokens.size(); i++) {
            for (LexiconTerm t : byFirst.getOrDefault(tokens.get(i), List.of())) {
                List<String> p = t.tokens();
                if (i + p.size() <= tokens.size() && tokens.subList(i, i + p.size()).equals(p)) {
                    String to = with.targetOf(t.group());
                    if (to != null && !to.equals(t.group())) {
                        return t;
                    }
                }
            }
        }
        return null;
    }
}
