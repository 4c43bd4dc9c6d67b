package dev.debias.augment.swap;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where in a text a capitalised word is a person's first name or surname rather than part of a longer
 * proper noun. Stateless.
 */
final class NamePlaces {
    /** Titles after which a name is a surname, unless another capitalized word follows it. */
    static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "madam",
            "lady", "lord", "dame", "rev", "reverend", "judge", "senator", "president");
    /** Abbreviations that begin place names (St. Louis, Mt. Vernon, Ft. Worth). */
    private static final Set<String> PLACE_ABBREVIATIONS = Set.of("st", "mt", "ft");

    private NamePlaces() {}

    /**
     * Whether a capitalized name at token {@code i} is a person's first name rather than part of a
     * longer proper noun: not right after another capitalized word ({@code San Diego}, the surname in
     * {@code Jill Scott}), not after a place abbreviation ({@code St. Louis}), and after a title only
     * when another capitalized word follows ({@code Dr. Diego Ramirez}, but not {@code Mr. Scott}).
     * {@code knownNames} are the first names the lists know.
     */
    static boolean isFirstName(String text, List<int[]> spans, List<String> tokens, int i, Set<String> knownNames) {
        if (i == 0) {
            return true;
        }
        int prevStart = spans.get(i - 1)[0];
        String gap = text.substring(spans.get(i - 1)[1], spans.get(i)[0]);
        String prevWord = text.substring(prevStart, spans.get(i - 1)[1]);
        String word = text.substring(spans.get(i)[0], spans.get(i)[1]);
        String prev = tokens.get(i - 1);
        boolean shouting = isAllCaps(word) && isAllCaps(prevWord);
        if (!Character.isUpperCase(prevWord.codePointAt(0)) || shouting) {
            return true;
        }
        boolean blank = !gap.isEmpty() && gap.isBlank();
        boolean dotted = gap.startsWith(".") && gap.length() > 1 && gap.substring(1).isBlank();
        if (TITLES.contains(prev) && (blank || dotted)) {
            return capitalizedAfter(text, spans, i);
        }
        if (dotted && PLACE_ABBREVIATIONS.contains(prev)) {
            return false;
        }
        if (!blank) {
            return true;
        }
        // right after a capitalized word: a surname after a first name (Jill Scott), or part of a longer
        // proper noun (moved to San Diego); a capitalized word opening the sentence (When Mary) is neither
        return !(knownNames.contains(prev) || !startsSentence(text, spans, i - 1));
    }

    /**
     * Whether a capitalised word at token {@code i} is a surname: right after a capitalised first name the
     * lists know ({@code Maria Garcia}) or after a title ({@code Mr. Garcia}, {@code Dr. Maria Garcia}).
     */
    static boolean isSurname(String text, List<int[]> spans, List<String> tokens, int i, Set<String> knownNames) {
        if (i == 0 || !Character.isUpperCase(text.codePointAt(spans.get(i)[0]))) {
            return false;
        }
        String gap = text.substring(spans.get(i - 1)[1], spans.get(i)[0]);
        boolean blank = !gap.isEmpty() && gap.isBlank();
        boolean dotted = gap.startsWith(".") && gap.length() > 1 && gap.substring(1).isBlank();
        String prev = tokens.get(i - 1);
        boolean prevCapital = Character.isUpperCase(text.codePointAt(spans.get(i - 1)[0]));
        return prevCapital && ((blank && knownNames.contains(prev)) || ((blank || dotted) && TITLES.contains(prev)));
    }

    /** Head words of the names of institutions, works and events: after a group word, they make a proper name. */
    private static final Set<String> INSTITUTIONS = Set.of("academy", "agency", "airlines", "airways", "army",
            "association", "bank", "board", "brotherhood", "cemetery", "center", "centre", "church", "club", "college",
            "committee", "conference", "congress", "corps", "council", "court", "daily", "embassy", "empire",
            "encyclopedia", "express", "federation", "forces", "foundation", "front", "herald", "hospital", "institute",
            "journal", "league", "magazine", "ministry", "museum", "navy", "network", "news", "organisation",
            "organization", "party", "post", "press", "quarter", "question", "railway", "republic", "review",
            "revolution", "school", "service", "society", "times", "tribune", "union", "university", "war",
            "wikipedia", "year");

    /** Heads of the names of things named after a person: {@code Meredith College}, {@code the David Lindahl Prize}. */
    private static final Set<String> NAMED_AFTER = Set.of("prize", "award", "awards", "fellowship", "scholarship",
            "lecture", "medal", "trophy", "cup", "hall", "theatre", "theater", "park", "street", "avenue", "road",
            "bridge", "building", "stadium", "arena", "gallery", "galleries", "studio", "studios", "clinic", "library");

    /**
     * True when the capitalised word after token {@code i} heads the name of an institution or work ({@code Meredith
     * College}, {@code Jack Magazine}), or the one after that heads a name of a thing named after a person ({@code the
     * David Lindahl Prize}, {@code the Nina Bliese Gallery}), so a name at {@code i} is part of that name. A surname
     * that is also such a head ({@code Bryan Hall}) is no name of a thing.
     */
    static boolean beforeInstitution(String text, List<int[]> spans, List<String> tokens, int i) {
        for (int k = i + 1; k <= i + 2 && capitalizedAfter(text, spans, k - 1); k++) {
            // Meredith College, or with a surname between: the David Lindahl Prize; right after a first name
            // only an institution's head, as Hall, Park or Bridge are surnames there too (Bryan Hall)
            if (INSTITUTIONS.contains(tokens.get(k)) || k == i + 2 && NAMED_AFTER.contains(tokens.get(k))) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern ROMAN = java.util.regex.Pattern.compile("(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})");

    /** True when token {@code k} is a regnal number after a name: Elizabeth II, John Paul II, Henry VIII. */
    static boolean isRegnal(String text, List<int[]> spans, int k) {
        return ROMAN.matcher(text.substring(spans.get(k)[0], spans.get(k)[1])).matches();
    }

    /**
     * Whether a capitalised group word at tokens {@code [i, i + len)} is part of a longer proper name rather than
     * a description of people: followed by a capitalised word that is not itself a word of the axis and is
     * followed by another capitalised word ({@code United States Marine Corps}, {@code Chinese New Year}) or is
     * the head of an institution's name ({@code Muslim Brotherhood}, {@code American Airlines}), or after
     * {@code of} that follows a capitalised word ({@code Times of Israel}, {@code Bank of Canada}). A capital at
     * the start of a sentence or in all-capital text says nothing, so neither counts there.
     */
    static boolean insideProperName(String text, List<int[]> spans, List<String> tokens, int i, int len,
            java.util.function.Predicate<String> axisWord) {
        int last = i + len - 1;
        String word = text.substring(spans.get(i)[0], spans.get(last)[1]);
        if (isAllCaps(word)) {
            return false;
        }
        if (last + 1 < spans.size() && capitalizedAfter(text, spans, last)) {
            String next = text.substring(spans.get(last + 1)[0], spans.get(last + 1)[1]);
            // a name of several capitalised words (United States Marine Corps, Chinese New Year), or one whose
            // head names an institution (Muslim Brotherhood, Italian Wikipedia); a capitalised description
            // (a Christian Nationalist, Jewish Lobby groups) is no name
            if (!isAllCaps(next) && !axisWord.test(tokens.get(last + 1))
                    && (INSTITUTIONS.contains(tokens.get(last + 1)) || capitalizedAfter(text, spans, last + 1))) {
                return true;
            }
        }
        if (i >= 2 && tokens.get(i - 1).equals("of") && !startsSentence(text, spans, i - 2)
                && Character.isUpperCase(text.codePointAt(spans.get(i - 2)[0]))
                && text.substring(spans.get(i - 2)[1], spans.get(i)[0]).matches("\\s+of\\s+")) {
            return true;
        }
        return false;
    }

    /** True when the next token exists, follows after blanks only, and is capitalised. */
    static boolean capitalizedAfter(String text, List<int[]> spans, int i) {
        if (i + 1 >= spans.size()) {
            return false;
        }
        String after = text.substring(spans.get(i)[1], spans.get(i + 1)[0]);
        return !after.isEmpty() && after.isBlank() && Character.isUpperCase(text.codePointAt(spans.get(i + 1)[0]));
    }

    /** True when tokens {@code k} and {@code k + 1} are separated by blanks only (at least one). */
    static boolean blankBetween(String text, List<int[]> spans, int k) {
        String gap = text.substring(spans.get(k)[1], spans.get(k + 1)[0]);
        return !gap.isEmpty() && gap.isBlank();
    }

    /** True for the straight and the typographic apostrophe. */
    static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019';
    }

    static boolean isAllCaps(String w) {
        return w.length() > 1 && w.equals(w.toUpperCase(Locale.ROOT)) && !w.equals(w.toLowerCase(Locale.ROOT));
    }

    /**
     * True when token {@code k} opens the text or a sentence: only spaces, quotes or brackets after {@code . ! ? :},
     * a line break, a list bullet ({@code * #}) or a heading's {@code =}.
     */
    static boolean startsSentence(String text, List<int[]> spans, int k) {
        int p = spans.get(k)[0] - 1;
        while (p >= 0 && (Character.isWhitespace(text.charAt(p)) && text.charAt(p) != '\n'
                || "\"'([\u201C\u2018".indexOf(text.charAt(p)) >= 0)) {
            p--;
        }
        // a list bullet or a heading's marks (* Does, # See, == Gay rights ==) open a sentence too
        return p < 0 || ".!?:\n*#=\u2022".indexOf(text.charAt(p)) >= 0;
    }
}
