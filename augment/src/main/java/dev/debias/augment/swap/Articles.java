package dev.debias.augment.swap;

import java.util.Locale;
import java.util.Set;

/**
 * The indefinite article that agrees with the word after it, by how the word is spoken rather than
 * spelled: {@code an Asian}, {@code a Black}, {@code a European}, {@code a university}, {@code an hour},
 * {@code an LGBT}. The rule: a vowel letter takes {@code an} unless the word begins with a consonant
 * sound ({@code eu}, {@code uni}, {@code use}, {@code one} ...); {@code h} takes {@code a} except in the
 * words whose h is silent; a capitalised acronym with no vowel ({@code LGBT}) takes the article of its first
 * letter's name.
 */
public final class Articles {
    private static final Set<String> SILENT_H = Set.of("hour", "hours", "honest", "honestly", "honor", "honour",
            "honorable", "honourable", "heir", "heiress", "heirs", "herb", "herbs");
    private static final String[] CONSONANT_SOUND = {"eu", "ewe", "uni", "use", "usu", "uti", "ure", "uro", "ura",
            "uku", "ufo", "one", "once", "ubiq", "ukr", "utah"};
    /** Letters whose names begin with a vowel sound: A, E, F, H, I, L, M, N, O, R, S, X. */
    private static final String VOWEL_NAMED_LETTERS = "AEFHILMNORSX";

    private Articles() {}

    /** True when {@code word} takes {@code an}. */
    public static boolean takesAn(String word) {
        if (word.isEmpty()) {
            return false;
        }
        if (word.length() >= 2 && word.length() <= 6 && word.equals(word.toUpperCase(Locale.ROOT))
                && word.chars().allMatch(Character::isLetter) && word.chars().noneMatch(c -> "AEIOUY".indexOf(c) >= 0)) {
            return VOWEL_NAMED_LETTERS.indexOf(word.charAt(0)) >= 0;
        }
        String w = word.toLowerCase(Locale.ROOT);
        if (w.startsWith("h")) {
            return SILENT_H.contains(w);
        }
        if ("aeiou".indexOf(w.charAt(0)) < 0) {
            return false;
        }
        for (String c : CONSONANT_SOUND) {
            if (w.startsWith(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The article {@code article} ({@code a} or {@code an}, any case) rewritten to agree with {@code next},
     * in the article's case ({@code A} before an all-capital word becomes {@code AN}); {@code article} itself
     * when it already agrees or is not an indefinite article.
     */
    public static String agree(String article, String next) {
        String a = article.toLowerCase(Locale.ROOT);
        if (!a.equals("a") && !a.equals("an")) {
            return article;
        }
        boolean an = takesAn(firstWord(next));
        if (an == a.equals("an")) {
            return article;
        }
        String wanted = an ? "an" : "a";
        if (article.equals("A")) {
            return an && isAllCaps(next) ? "AN" : an ? "An" : "A";
        }
        return CaseStyle.apply(article, wanted);
    }

    private static String firstWord(String s) {
        int i = 0;
        while (i < s.length() && !Character.isLetterOrDigit(s.charAt(i))) {
            i++;
        }
        int j = i;
        while (j < s.length() && Character.isLetterOrDigit(s.charAt(j))) {
            j++;
        }
        return s.substring(i, j);
    }

    private static boolean isAllCaps(String w) {
        String f = firstWord(w);
        return f.length() > 1 && f.equals(f.toUpperCase(Locale.ROOT)) && !f.equals(f.toLowerCase(Locale.ROOT));
    }
}
