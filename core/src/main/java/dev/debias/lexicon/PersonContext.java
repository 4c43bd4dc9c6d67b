package dev.debias.lexicon;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rule that decides whether a {@link LexiconTerm#modifier() modifier} term (a colour or age word, a
 * word such as {@code straight} or {@code hearing}) denotes people where it stands: the tokens after it,
 * at most {@value #REACH} and within its sentence, reach a person noun (the last token of a term of the
 * person lists, pronouns aside) passing only connectives ({@code and}, {@code or}), the first tokens of
 * multi-word person nouns and other group terms. So {@code a Black student}, {@code black and white
 * students} and {@code an old man} denote people, while {@code a black car}, {@code black and white
 * photographs} and {@code an old house} do not. The audit and the swapper apply this one rule. Immutable.
 */
public final class PersonContext {
    /** How many tokens after the term are looked at. */
    public static final int REACH = 4;
    private static final Set<String> CONNECTIVES = Set.of("and", "or", "nor", "but");
    /** Pronouns are in the gender list but are never what an adjective modifies (the car was white she said). */
    private static final Set<String> PRONOUNS = Set.of("she", "he", "her", "him", "his", "hers", "herself", "himself",
            "they", "them", "their", "theirs", "xe", "ze");
    private static volatile PersonContext builtin;

    /** What a token after a modifier term is to the rule. */
    public enum Kind {
        /** A person noun: the term denotes people. */
        PERSON,
        /** A connective, the first token of a multi-word person noun, or a group term: look further. */
        PASS,
        /** Anything else: the term does not denote people. */
        OTHER
    }

    private final Set<String> heads = new HashSet<>();
    private final Set<String> passing = new HashSet<>(CONNECTIVES);

    private PersonContext(List<TermLexicon> personLists, Set<String> groupTokens) {
        for (TermLexicon l : personLists) {
            for (LexiconTerm t : l.terms()) {
                List<String> tk = t.tokens();
                heads.add(tk.get(tk.size() - 1));
                passing.addAll(tk.subList(0, tk.size() - 1));
            }
        }
        heads.removeAll(PRONOUNS);
        passing.addAll(groupTokens);
        passing.removeAll(heads);
    }

    /** The rule over the person nouns of {@code personLists} (any axis) and the group terms' tokens given. */
    public static PersonContext of(List<TermLexicon> personLists, Set<String> groupTokens) {
        return new PersonContext(personLists, Set.copyOf(groupTokens));
    }

    /**
     * The rule of the built-in lists: person nouns from {@code builtin:people}, {@code builtin:gender} and
     * {@code builtin:occupations}, and the tokens of every built-in axis' terms as group terms.
     */
    public static PersonContext builtin() {
        PersonContext c = builtin;
        if (c == null) {
            synchronized (PersonContext.class) {
                if (builtin == null) {
                    Set<String> group = new HashSet<>();
                    for (String axis : Lexicons.AXES) {
                        Lexicons.terms("builtin:" + axis).terms().forEach(t -> group.addAll(t.tokens()));
                    }
                    builtin = of(List.of(Lexicons.terms("builtin:people,builtin:gender,builtin:occupations")), group);
                }
                c = builtin;
            }
        }
        return c;
    }

    /** What {@code token} (lower case) is to the rule. */
    public Kind kind(String token) {
        return heads.contains(token) ? Kind.PERSON : passing.contains(token) ? Kind.PASS : Kind.OTHER;
    }

    /**
     * True when the tokens from {@code from} (the one after the term) reach a person noun before {@code end}
     * (the end of the term's sentence) within {@value #REACH} tokens.
     */
    public boolean followedByPerson(String[] tokens, int from, int end) {
        for (int k = from, n = 0; k < Math.min(end, tokens.length) && n < REACH; k++, n++) {
            switch (kind(tokens[k])) {
                case PERSON -> {
                    return true;
                }
                case OTHER -> {
                    return false;
                }
                case PASS -> { }
            }
        }
        return false;
    }
}
