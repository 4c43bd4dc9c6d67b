package dev.debias.lexicon;

import java.util.List;
import java.util.Objects;

/**
 * One term of a term list: it marks {@code group} of {@code axis} (e.g. axis {@code gender}, group
 * {@code female}, term {@code actress}).
 *
 * @param axis the demographic axis or target list, lower-case
 * @param group the group within the axis, lower-case
 * @param term the term as written in the lexicon (names keep their capitals)
 * @param tokens the term's tokens under the {@link dev.debias.text.Tokens} rule; one or more
 * @param ambiguous true when the term often means something else or marks several groups (a name used
 *     by both genders, {@code miss}); matchers leave ambiguous terms out unless asked
 * @param origin where the term was defined, {@code source:line}
 * @param modifier true when the term denotes people only where it modifies a person noun ({@code a Black
 *     student}, {@code an old man}) and is otherwise an everyday word ({@code a black car}, {@code an old
 *     house}); the swapper changes such a term only in that context, even when it is also ambiguous
 */
public record LexiconTerm(String axis, String group, String term, List<String> tokens, boolean ambiguous, String origin,
        boolean modifier) {
    /** A term that is not a modifier. */
    public LexiconTerm(String axis, String group, String term, List<String> tokens, boolean ambiguous, String origin) {
        this(axis, group, term, tokens, ambiguous, origin, false);
    }

    public LexiconTerm {
        Objects.requireNonNull(axis);
        Objects.requireNonNull(group);
        Objects.requireNonNull(term);
        tokens = List.copyOf(tokens);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("a term needs at least one token");
        }
    }

    /** The normalized term: its tokens joined by single spaces; the key terms are matched by. */
    public String key() {
        return String.join(" ", tokens);
    }

    /** True for a term of more than one token, matched as a phrase. */
    public boolean isPhrase() {
        return tokens.size() > 1;
    }
}
