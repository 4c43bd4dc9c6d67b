package dev.debias.augment.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.lexicon.LexiconFormatException;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.PairLexicon;
import dev.debias.lexicon.TermLexicon;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Builder options: ambiguous terms, names, custom lexicons on a made-up axis, validation. */
class SwapperOptionsTest {

    static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    // ---- ambiguous terms ----

    @Test
    void ambiguousTermsStayByDefault() {
        CounterfactualSwapper s = CounterfactualSwapper.builder().build();
        for (String in : List.of("The hero met the groom.", "Miss Lane arrived.", "The maid and the host talked.",
                "Guys, the bachelor is here.", "Kelly met Lee.", "Taylor met Jordan.")) {
            Counterfactual c = s.swap(in);
            assertEquals(in, c.text());
            assertEquals(List.of(), c.substitutions(), in);
        }
    }

    @Test
    void includeAmbiguousSwapsAmbiguousTerms() {
        CounterfactualSwapper s = CounterfactualSwapper.builder().optIncludeAmbiguous(true).build();
        assertEquals("The heroine met the bride.", s.swap("The hero met the groom.").text());
        assertEquals("Heroines never die.", s.swap("Heroes never die.").text());
        assertEquals("Mr Lane arrived.", s.swap("Miss Lane arrived.").text());
        assertEquals("The maid and the hostess talked.", s.swap("The maid and the host talked.").text());
        assertEquals("Gals, the bachelorette is here.", s.swap("Guys, the bachelor is here.").text());
        // substrings stay untouched even then
        assertEquals("Heroin and Sheldon.", s.swap("Heroin and Sheldon.").text());
    }

    @Test
    void includeAmbiguousAlsoPairsAmbiguousNamesByTheirFullRank() {
        CounterfactualSwapper s = CounterfactualSwapper.builder().optIncludeAmbiguous(true).build();
        // full-list ranks: Kelly is female #58, Douglas male #58; Lee is male #147, Addison female #147;
        // Taylor is female #111, Aiden male #111; Jordan is male #77, Janice female #77
        assertEquals("Douglas met Morgan.", s.swap("Kelly met Lee.").text());
        assertEquals("Carter met Janice.", s.swap("Taylor met Jordan.").text());
        // names ranked above the first ambiguous one keep their counterparts
        assertEquals("James met Mary.", s.swap("Mary met James.").text());
    }

    @Test
    void includeAmbiguousMasksAmbiguousTerms() {
        CounterfactualSwapper s = CounterfactualSwapper.builder().optIncludeAmbiguous(true).build();
        assertEquals("The [MASK] met [MASK].", s.mask("The hero met Lee.").text());
    }

    // ---- names ----

    @Test
    void optNamesNullLeavesNamesAlone() {
        CounterfactualSwapper s = CounterfactualSwapper.builder().optNames(null).build();
        Counterfactual c = s.swap("Mary told James that she was ready.");
        assertEquals("Mary told James that he was ready.", c.text());
        assertEquals(Map.of("female", 1), c.groupsFound());
    }

    @Test
    void customNamesPairByRankAndTheLongerListsExtraNamesPairFromTheTopAgain() {
        TermLexicon names = Lexicons.readTerms("toy-names", stream("""
                # female first, by rank
                gender\tfemale\tZelda
                gender\tfemale\tYara
                gender\tfemale\tVera
                gender\tfemale\tQuin\tambiguous
                gender\tmale\tXavi
                gender\tmale\tWalt
                """));
        CounterfactualSwapper s = CounterfactualSwapper.builder().optNames(names).build();
        Counterfactual c = s.swap("Zelda, Yara and Vera met Xavi, Walt, Quin and Mary.");
        // Vera has no male name at her rank: she pairs with the first male name again (Xavi, whose own
        // counterpart stays Zelda); Quin is ambiguous; Mary is not in this list
        assertEquals("Xavi, Walt and Xavi met Zelda, Yara, Quin and Mary.", c.text());
        assertEquals(Map.of("female", 3, "male", 2), c.groupsFound());
        assertEquals("[MASK], [MASK] and [MASK] met Mary.", s.mask("Zelda, Walt and Vera met Mary.").text());
    }

    // ---- custom lexicons on a made-up axis ----

    private static final String TOY_TERMS = """
            # a toy axis with two groups, a and b
            toy\ta\tchurch
            toy\ta\tchurches
            toy\ta\tholy
            toy\ta\tholy book
            toy\ta\tchapel
            toy\tb\ttemple
            toy\tb\ttemples
            toy\tb\tsacred
            toy\tb\tsacred scroll
            toy\tb\tshrine\tambiguous
            """;
    private static final String TOY_PAIRS = """
            toy\tchurch\ttemple
            toy\ttemple\tchurch
            toy\tchurches\ttemples
            toy\ttemples\tchurches
            toy\tholy\tsacred
            toy\tholy book\tsacred scroll
            toy\tsacred scroll\tholy book
            toy\tshrine\tchurch
            """;

    static CounterfactualSwapper.Builder toy() {
        return CounterfactualSwapper.builder().optAxis("toy")
                .optTerms(Lexicons.readTerms("toy-terms", stream(TOY_TERMS)))
                .optPairs(Lexicons.readPairs("toy-pairs", stream(TOY_PAIRS)));
    }

    @Test
    void customLexiconSwapsOnAMadeUpAxis() {
        CounterfactualSwapper s = toy().build();
        assertEquals("toy", s.axis());
        // lower case: a capitalised "the Church" is an institution's name, which stays (meaning-table.tsv)
        Counterfactual c = s.swap("The church near the temples keeps a holy book and a holy relic.");
        assertEquals("The temple near the churches keeps a sacred scroll and a sacred relic.", c.text());
        assertEquals(List.of(new Substitution(4, 10, "church", "temple"), new Substitution(20, 27, "temples", "churches"),
                new Substitution(36, 45, "holy book", "sacred scroll"), new Substitution(52, 56, "holy", "sacred")),
                c.substitutions());
        assertEquals(Map.of("a", 3, "b", 1), c.groupsFound());
    }

    @Test
    void customLexiconPhrasesMatchAcrossExtraSpaceLongestFirstAndKeepCase() {
        CounterfactualSwapper s = toy().build();
        assertEquals("A sacred scroll.", s.swap("A holy  book.").text());
        assertEquals("THE SACRED SCROLL", s.swap("THE HOLY BOOK").text());
        assertEquals("the holy book", s.swap("the sacred scroll").text());
    }

    @Test
    void customLexiconLeavesOtherAxesAndNamesAlone() {
        CounterfactualSwapper s = toy().build();
        // gender terms and names are not part of the toy axis (no names by default off the gender axis)
        String in = "She met Mary at the chapel.";
        Counterfactual c = s.swap(in);
        assertEquals(in, c.text());
        assertEquals(Map.of("a", 1), c.groupsFound());
        assertEquals("She met Mary at the [MASK].", s.mask(in).text());
    }

    @Test
    void customLexiconAmbiguousTermsFollowTheFlag() {
        assertEquals("the shrine", toy().build().swap("the shrine").text());
        assertEquals("the church", toy().optIncludeAmbiguous(true).build().swap("the shrine").text());
    }

    @Test
    void pairsOfAnotherAxisAreIgnored() {
        PairLexicon pairs = Lexicons.readPairs("mixed", stream("toy\tchurch\ttemple\nother\tchapel\tmosque\n"));
        CounterfactualSwapper s = CounterfactualSwapper.builder().optAxis("toy")
                .optTerms(Lexicons.readTerms("toy-terms", stream(TOY_TERMS))).optPairs(pairs).build();
        assertEquals("a temple and a chapel", s.swap("a church and a chapel").text());
    }

    // ---- validation ----

    @Test
    void pairsInconsistentWithTheTermListAreRejectedNamingTheirLine() {
        TermLexicon terms = Lexicons.readTerms("toy-terms", stream(TOY_TERMS));
        for (Map.Entry<String, String> c : Map.of(
                "toy\tchurch\ttemple\ntoy\ttemple\ttemple\n", "toy-pairs:2: 'temple' is mapped to itself",
                "toy\tchurch\tzebra\n", "toy-pairs:1: the counterpart 'zebra' of 'church' is not a term of axis 'toy'",
                "toy\tchurch\ttemple\ntoy\ttemple\tchapel\ntoy\tchapel\tshrine\ntoy\tshrine\tchurch\n",
                "toy-pairs:1: 'church' -> 'temple' and 'temple' -> 'chapel' (toy-pairs:2) lead back").entrySet()) {
            PairLexicon pairs = Lexicons.readPairs("toy-pairs", stream(c.getKey()));
            LexiconFormatException e = assertThrows(LexiconFormatException.class,
                    () -> CounterfactualSwapper.builder().optAxis("toy").optTerms(terms).optPairs(pairs).build());
            assertTrue(e.getMessage().startsWith(c.getValue()), e.getMessage());
        }
    }

    @Test
    void pairLexiconWithoutPairsForTheAxisIsRejected() {
        PairLexicon other = Lexicons.readPairs("other", stream("other\tchapel\tmosque\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CounterfactualSwapper.builder().optPairs(other).build());
        assertTrue(e.getMessage().contains("'gender'"), e.getMessage());
    }

    @Test
    void axisWithoutPairsCanMaskButNotSwap() {
        // there is no builtin:toy pair list: the swapper masks (mask and reweigh need no pairs) and swaps nothing
        CounterfactualSwapper s = CounterfactualSwapper.builder().optAxis("toy")
                .optTerms(Lexicons.readTerms("toy-terms", stream(TOY_TERMS))).build();
        assertFalse(s.canSwap());
        String term = Lexicons.readTerms("toy-terms", stream(TOY_TERMS)).terms().get(0).term();
        assertEquals("[MASK] here", s.mask(term + " here").text());
        assertFalse(s.swap(term + " here").changed());
    }

    @Test
    void builderRejectsNulls() {
        CounterfactualSwapper.Builder b = CounterfactualSwapper.builder();
        assertThrows(NullPointerException.class, () -> b.optAxis(null));
        assertThrows(NullPointerException.class, () -> b.optPairs(null));
        assertThrows(NullPointerException.class, () -> b.optTerms(null));
        assertThrows(NullPointerException.class, () -> b.optPlaceholder(null));
    }

    @Test
    void explicitBuiltinLexiconsEqualTheDefaults() {
        CounterfactualSwapper explicit = CounterfactualSwapper.builder()
                .optPairs(Lexicons.pairs("builtin:gender-pairs"))
                .optTerms(Lexicons.terms("builtin:gender"))
                .optNames(Lexicons.terms("builtin:names")).build();
        CounterfactualSwapper defaults = CounterfactualSwapper.builder().build();
        for (String in : List.of("She thanked her mentor, Mr. Lee.", "Jill Scott met Mary's aunt.", "The red bicycle is his.")) {
            assertEquals(defaults.swap(in), explicit.swap(in));
        }
        assertNotEquals(defaults.swap("Mary left.").text(), "Mary left.");
    }
}
