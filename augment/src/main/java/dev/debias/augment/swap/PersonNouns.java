package dev.debias.augment.swap;

import dev.debias.lexicon.PersonContext;
import dev.debias.lexicon.TermLexicon;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a {@link dev.debias.lexicon.LexiconTerm#modifier() modifier} term modifies a person, by
 * the rule of {@link PersonContext} (the one the audit applies), on the words after it joined only by
 * spaces, commas, hyphens or slashes: a full stop or a semicolon ends the search. The swapper's own axis
 * terms pass too ({@code black and white women}). Immutable.
 */
final class PersonNouns {
    private final PersonContext rule;

    /** The person nouns of every term of {@code lists} (any axis: people, gender, occupations). */
    PersonNouns(List<TermLexicon> lists) {
        this.rule = PersonContext.of(lists, Set.of());
    }

    /**
     * True when the term ending before token {@code k} modifies a person; {@code axisTerm} tells the other
     * terms of the axis, which may stand between ({@code black and white women}).
     */
    boolean modifiesPerson(String text, List<int[]> spans, List<String> tokens, int k,
            java.util.function.Predicate<String> axisTerm) {
        for (int n = 0; k < tokens.size() && n < PersonContext.REACH; k++, n++) {
            if (!joined(text.substring(spans.get(k - 1)[1], spans.get(k)[0]))) {
                return false;
            }
            String t = tokens.get(k);
            PersonContext.Kind kind = rule.kind(t);
            if (kind == PersonContext.Kind.PERSON) {
                return true;
            }
            if (kind == PersonContext.Kind.OTHER && !axisTerm.test(t)) {
                return false;
            }
        }
        return false;
    }

    private static boolean joined(String gap) {
        if (gap.isEmpty()) {
            return false;
        }
        for (int i = 0; i < gap.length(); i++) {
            char c = gap.charAt(i);
            if (!(c == ' ' || c == '\t' || c == ',' || c == '-' || c == '/' || c == '\u2010' || c == '\u2011')) {
                return false;
            }
        }
        return true;
    }
}
