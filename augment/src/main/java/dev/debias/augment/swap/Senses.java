package dev.debias.augment.swap;

import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.TermLexicon;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Places in a text where a term of an axis is written but does not describe a person's group, found on real
 * comments where a counterfactual lost its meaning: a language ({@code translated from German}), a name
 * written with capitals ({@code Teen Vogue}, {@code Hitler Youth}, {@code Saint Michael's Church},
 * {@code Northern Ireland}), an age that no age group shares ({@code three young kids}, {@code her older
 * brother}, {@code a big old queen}). Each rule reads only the words next to the term. Stateless.
 */
final class Senses {
    /** Nationality and group words that also name a language. */
    static final Set<String> LANGUAGES = Set.of("english", "french", "german", "spanish", "italian", "portuguese",
            "dutch", "swedish", "polish", "greek", "russian", "ukrainian", "turkish", "hebrew", "arabic", "chinese",
            "japanese", "korean", "vietnamese", "thai", "filipino", "irish", "persian", "hindi", "urdu", "yiddish");
    /** Words before a language: {@code in German}, {@code speaks Spanish}, {@code translated from Russian}. */
    private static final Set<String> BEFORE_LANGUAGE = Set.of("in", "into", "from", "speak", "speaks", "spoke",
            "speaking", "learn", "learns", "learned", "learnt", "learning", "understand", "understands", "read",
            "reads", "write", "writes", "wrote", "translate", "translated", "translates", "fluent", "called");
    /** Words after a language: {@code the German word}, {@code a Russian translation}. */
    private static final Set<String> AFTER_LANGUAGE = Set.of("language", "languages", "translation", "translations",
            "translator", "word", "words", "spelling", "speaker", "speakers", "speaking", "dictionary", "grammar",
            "pronunciation", "wikipedia", "version", "dub", "subtitles");
    /** Function words that a capital after them says nothing about: {@code The Church} at a sentence's start. */
    private static final Set<String> FUNCTION = Set.of("the", "a", "an", "this", "that", "these", "those", "my",
            "our", "your", "his", "her", "their", "its", "i", "and", "or", "of", "in", "on", "to", "for", "with", "by",
            "at", "as", "is", "are", "was", "were", "all", "some", "many", "most", "no", "not", "every", "any");
    /** Nouns of young people: an age word before them names no age group ({@code 3 young kids}, not {@code old kids}). */
    private static final Set<String> YOUNG_PEOPLE = Set.of("kid", "kids", "child", "children", "boy", "boys", "girl",
            "girls", "baby", "babies", "toddler", "toddlers", "infant", "infants", "son", "sons", "daughter",
            "daughters", "teen", "teens", "teenager", "teenagers", "lad", "lads", "pupil", "pupils");
    /** Kin a comparative age word ranks by age: {@code the younger brother} is no age group. */
    private static final Set<String> KIN = Set.of("brother", "brothers", "sister", "sisters", "sibling", "siblings",
            "son", "sons", "daughter", "daughters", "cousin", "cousins", "child", "children", "kid", "kids");
    /** Words that make {@code old} an intensifier or a fondness: {@code a big old queen}, {@code good old Joe}. */
    private static final Set<String> INTENSIFIERS = Set.of("big", "good", "poor", "little", "dear", "same", "plain",
            "silly", "grand", "nice", "lovely", "dirty", "mean");

    private Senses() {}

    /** The built-in lists whose words describe people: next to them a capital makes no name. */
    private static final String DESCRIPTIVE = "builtin:gender,builtin:race,builtin:religion,builtin:age,"
            + "builtin:nationality,builtin:orientation,builtin:disability,builtin:people,builtin:occupations";

    /** The words (lower case) of every built-in axis, of {@code terms} and of {@code people}. */
    static Set<String> descriptiveWords(TermLexicon terms, TermLexicon people) {
        Set<String> out = new HashSet<>();
        for (TermLexicon l : List.of(terms, people, Lexicons.terms(DESCRIPTIVE))) {
            l.terms().forEach(t -> out.addAll(t.tokens()));
        }
        return out;
    }

    /**
     * True when the language word at token {@code i} names a language: after a word like {@code in},
     * {@code speaks} or {@code translated} and not before a noun it describes ({@code in German} but not
     * {@code in German cities}), before {@code language}, {@code word} or {@code translation}, or in
     * {@code Russian to English}.
     */
    static boolean isLanguage(String text, List<int[]> spans, List<String> tokens, int i) {
        String t = tokens.get(i);
        if (!LANGUAGES.contains(t)) {
            return false;
        }
        String next = i + 1 < tokens.size() && NamePlaces.blankBetween(text, spans, i) ? tokens.get(i + 1) : null;
        if (next != null && AFTER_LANGUAGE.contains(next)) {
            return true;
        }
        if ("to".equals(next) || "and".equals(next) || "or".equals(next)) {
            if (i + 2 < tokens.size() && LANGUAGES.contains(tokens.get(i + 2))) {
                return true;
            }
        }
        if (i >= 2 && (tokens.get(i - 1).equals("and") || tokens.get(i - 1).equals("or"))
                && isLanguage(text, spans, tokens, i - 2)) {
            return true;   // speaks German and French
        }
        boolean after = i > 0 && BEFORE_LANGUAGE.contains(tokens.get(i - 1))
                && NamePlaces.blankBetween(text, spans, i - 1);
        // a noun right after (in German cities) makes the word a description, not a language
        return after && (next == null || FUNCTION.contains(next) || "to".equals(next) || next.equals("."));
    }

    /**
     * True when a term of lower-case spelling at tokens {@code [i, i + len)} is written with a capital inside a
     * sentence next to another capitalised word that no axis holds, or after {@code the}: part of a name
     * ({@code Teen Vogue}, {@code Hitler Youth}, {@code Saint Michael's Church}, {@code the Temple}).
     * {@code descriptive} tells the words of any axis ({@code White Americans} stays a description).
     */
    static boolean capitalisedName(String text, List<int[]> spans, List<String> tokens, int i, int len,
            Predicate<String> descriptive) {
        String word = text.substring(spans.get(i)[0], spans.get(i + len - 1)[1]);
        if (!Character.isUpperCase(word.codePointAt(0)) || NamePlaces.isAllCaps(word)
                || NamePlaces.startsSentence(text, spans, i)) {
            return false;
        }
        if (i > 0) {
            String prev = tokens.get(i - 1);
            int p = i - 1;
            boolean possessive = prev.equals("s") && p > 0
                    && NamePlaces.isApostrophe(text.charAt(spans.get(p)[0] - 1));
            if (possessive) {
                p--;
            }
            String gap = text.substring(spans.get(p)[1], spans.get(possessive ? p + 1 : i)[0]);
            String prevWord = text.substring(spans.get(p)[0], spans.get(p)[1]);
            boolean near = possessive || (!gap.isEmpty() && gap.isBlank());
            if (near && tokens.get(p).equals("the") && !possessive) {
                return true;
            }
            if (near && Character.isUpperCase(prevWord.codePointAt(0)) && !NamePlaces.isAllCaps(prevWord)
                    && !FUNCTION.contains(tokens.get(p)) && !descriptive.test(tokens.get(p))) {
                return true;
            }
        }
        int last = i + len - 1;
        if (NamePlaces.capitalizedAfter(text, spans, last)) {
            String next = text.substring(spans.get(last + 1)[0], spans.get(last + 1)[1]);
            return !NamePlaces.isAllCaps(next) && !FUNCTION.contains(tokens.get(last + 1))
                    && !descriptive.test(tokens.get(last + 1));
        }
        return false;
    }

    /**
     * True when a capitalised term of capitalised spelling at token {@code i} follows another capitalised word
     * inside a sentence that no axis holds and that is no title: {@code Northern Ireland}, {@code Nazi Germany},
     * {@code Voice of North Korea} (but {@code American Muslims} and {@code Dr. Black} are not names).
     */
    static boolean afterCapitalisedWord(String text, List<int[]> spans, List<String> tokens, int i,
            Predicate<String> descriptive) {
        if (i == 0 || NamePlaces.startsSentence(text, spans, i - 1)) {
            return false;
        }
        String gap = text.substring(spans.get(i - 1)[1], spans.get(i)[0]);
        String prevWord = text.substring(spans.get(i - 1)[0], spans.get(i - 1)[1]);
        String prev = tokens.get(i - 1);
        return !gap.isEmpty() && gap.isBlank() && Character.isUpperCase(prevWord.codePointAt(0))
                && !NamePlaces.isAllCaps(prevWord) && !FUNCTION.contains(prev) && !NamePlaces.TITLES.contains(prev)
                && !descriptive.test(prev) && !prev.chars().allMatch(Character::isDigit);
    }

    /**
     * True when the age modifier at token {@code i} names no age group: before a noun of young people
     * ({@code three young kids}), a comparative before kin ({@code the younger brother}), or {@code old} after
     * an intensifier ({@code a big old queen}).
     */
    static boolean ageOfNoGroup(List<String> tokens, int i) {
        String t = tokens.get(i);
        String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
        if (YOUNG_PEOPLE.contains(next)) {
            return true;
        }
        if ((t.equals("younger") || t.equals("older") || t.equals("elder")) && KIN.contains(next)) {
            return true;
        }
        return t.equals("old") && i > 0 && INTENSIFIERS.contains(tokens.get(i - 1));
    }

    /** Intensifiers before the slang {@code gay} (lame): {@code really gay}, {@code so gay}, {@code mad gay}. */
    private static final Set<String> SLANG_INTENSIFIERS = Set.of("really", "so", "sooo", "soo", "totally", "mad",
            "very", "super", "too", "pretty", "extremely", "kinda", "fucking", "just");
    /** Nouns the slang {@code gay} (lame) goes before: {@code that gay stuff}. */
    private static final Set<String> SLANG_NOUNS = Set.of("stuff", "shit", "crap", "bullshit");
    /** Things said to be gay in the slang sense: {@code that's gay}, {@code this is gay}. */
    private static final Set<String> THINGS = Set.of("that", "this", "it");

    /**
     * True when {@code gay} at token {@code i} is the slang word for lame: after an intensifier or after
     * {@code that's}, {@code this is} or {@code it's}, with no noun after it ({@code this censorship is really
     * gay.}, {@code that's so gay}), or before {@code stuff} or {@code shit}; {@code a really gay man} stays a
     * description.
     */
    static boolean slangGay(String text, List<int[]> spans, List<String> tokens, int i) {
        if (!tokens.get(i).equals("gay") || i == 0) {
            return false;
        }
        boolean joined = i + 1 < tokens.size() && NamePlaces.blankBetween(text, spans, i);
        if (joined && SLANG_NOUNS.contains(tokens.get(i + 1))) {
            return true;   // that gay stuff
        }
        boolean ends = !joined || FUNCTION.contains(tokens.get(i + 1));
        if (!ends) {
            return false;
        }
        String prev = tokens.get(i - 1);
        if (SLANG_INTENSIFIERS.contains(prev)) {
            return true;
        }
        boolean copula = prev.equals("is") || prev.equals("s") || prev.equals("was");
        return copula && i >= 2 && THINGS.contains(tokens.get(i - 2));
    }

    /** True when a name at token {@code i} is followed by a chapter and verse: {@code Matthew 24:45}, {@code John 3:16}. */
    static boolean isScriptureReference(String text, List<int[]> spans, int i) {
        int end = spans.get(i)[1];
        return SCRIPTURE.matcher(text).region(end, Math.min(text.length(), end + 12)).lookingAt();
    }

    private static final java.util.regex.Pattern SCRIPTURE = java.util.regex.Pattern.compile("\\s+\\d{1,3}:\\d{1,3}");
}
