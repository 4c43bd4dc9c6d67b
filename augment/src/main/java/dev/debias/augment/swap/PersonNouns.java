package dev.debias.augment.swap;

import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.TermLexicon;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a {@link LexiconTerm#modifier() modifier} term modifies a person: the words after it,
 * across at most {@value #REACH} tokens joined only by spaces, commas, hyphens or slashes, reach a person
 * noun (the last word of a term of the person lists, pronouns aside) passing only connectives ({@code and}, {@code or}),
 * other terms of the axis and the first words of multi-word person nouns. So {@code a Black student},
 * {@code black and white students} and {@code an old man} are people, while {@code a black car},
 * {@code black and white photographs}, {@code white wine} and {@code an old house} are not. Immutable.
 */
final class PersonNouns {
    /** How many tokens after the term are looked at. */
    static final int REACH = 4;
    private static final Set<String> CONNECTIVES = Set.of("and", "or", "nor", "but");
    /** Pronouns are in the gender list but are never what an adjective modifies (the car was white she said). */
    private static final Set<String> PRONOUNS = Set.of("she", "he", "her", "him", "his", "hers", "herself", "himself",
            "they", "them", "their", "theirs", "xe", "ze");

    private final Set<String> heads = new HashSet<>();
    private final Set<String> inner = new HashSet<>();

    /** The person nouns of every term of {@code lists} (any axis: people, gender, occupations). */
    PersonNouns(List<TermLexicon> lists) {
        for (TermLexicon l : lists) {
            for (LexiconTerm t : l.terms()) {
                List<String> tk = t.tokens();
                heads.add(tk.get(tk.size() - 1));
                inner.addAll(tk.subList(0, tk.size() - 1));
            }
        }
        heads.removeAll(PRONOUNS);
    }

    /**
     * True when the term ending before token {@code k} modifies a person; {@code axisTerm} tells the other
     * terms of the axis, which may stand between ({@code black and white women}).
     */
    boolean modifiesPerson(String text, List<int[]> spans, List<String> tokens, int k,
            java.util.function.Predicate<String> axisTerm) {
        for (int n = 0; k < tokens.size() && n < REACH; k++, n++) {
            if (!joined(text.substring(spans.get(k - 1)[1], spans.get(k)[0]))) {
                return false;
            }
            String t = tokens.get(k);
            if (heads.contains(t)) {
                return true;
            }
            if (!(CONNECTIVES.contains(t) || inner.contains(t) || axisTerm.test(t))) {
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
