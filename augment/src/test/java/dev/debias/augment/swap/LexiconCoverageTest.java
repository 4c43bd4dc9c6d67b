package dev.debias.augment.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.lexicon.CounterfactualPair;
import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.TermLexicon;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every entry of the built-in lexicons behaves as the files say. */
class LexiconCoverageTest {
    private static CounterfactualSwapper swapper;
    private static TermLexicon terms;

    @BeforeAll
    static void build() {
        swapper = CounterfactualSwapper.builder().build();
        terms = Lexicons.terms("builtin:gender");
    }

    @Test
    void everyUnconditionalPairOfAnUnambiguousTermSwaps() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (CounterfactualPair p : Lexicons.pairs("builtin:gender").pairs("gender")) {
            if (!p.unconditional() || terms.lookup("gender", p.term()).map(LexiconTerm::ambiguous).orElse(false)) {
                continue;
            }
            checked++;
            // lower case, capitalized, all caps
            check(failures, "Then the " + p.term() + " left.", "Then the " + p.counterpart() + " left.");
            check(failures, cap(p.term()) + " left.", cap(p.counterpart()) + " left.");
            check(failures, "THE " + p.term().toUpperCase() + " LEFT.", "THE " + p.counterpart().toUpperCase() + " LEFT.");
        }
        assertTrue(checked > 250, "checked " + checked);
        assertEquals(List.of(), failures);
    }

    @Test
    void pairsOfAmbiguousTermsDoNotSwapByDefault() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (CounterfactualPair p : Lexicons.pairs("builtin:gender").pairs("gender")) {
            if (terms.lookup("gender", p.term()).map(LexiconTerm::ambiguous).orElse(false)) {
                checked++;
                check(failures, "Then the " + p.term() + " left.", "Then the " + p.term() + " left.");
            }
        }
        // miss, lord(s), host(s), hero(es), groom(s), bachelor(s), guys
        assertTrue(checked >= 10, "checked " + checked);
        assertEquals(List.of(), failures);
    }

    @Test
    void everyRankedNameSwapsToTheNameOfTheSameRank() {
        TermLexicon names = Lexicons.terms("builtin:names");
        List<LexiconTerm> female = names.terms("gender", "female", false);
        List<LexiconTerm> male = names.terms("gender", "male", false);
        assertEquals("Mary", female.get(0).term());
        assertEquals("James", male.get(0).term());
        List<String> failures = new ArrayList<>();
        int n = Math.min(female.size(), male.size());
        assertTrue(n > 200, "pairs " + n);
        for (int i = 0; i < n; i++) {
            String f = female.get(i).term();
            String m = male.get(i).term();
            check(failures, "I saw " + f + " today.", "I saw " + m + " today.");
            check(failures, "I saw " + m + " today.", "I saw " + f + " today.");
            check(failures, f + " and " + m + " left.", m + " and " + f + " left.");
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void pronounPairsAreConditionalOnPartOfSpeech() {
        // her and his need the POS context, the other pronouns do not
        assertEquals(Map.of("PRP$", "his", "PRP", "him"), conditional("her"));
        assertEquals(Map.of("PRP$", "her", "PRP", "hers"), conditional("his"));
        assertEquals(List.of(), Lexicons.pairs("builtin:gender").lookup("gender", "hers").stream()
                .filter(p -> !p.unconditional()).toList());
    }

    private static Map<String, String> conditional(String term) {
        Map<String, String> out = new java.util.HashMap<>();
        for (CounterfactualPair p : Lexicons.pairs("builtin:gender").lookup("gender", term)) {
            out.put(p.posTag(), p.counterpart());
        }
        return out;
    }

    private static void check(List<String> failures, String in, String expected) {
        String out = swapper.swap(in).text();
        if (!out.equals(expected)) {
            failures.add(in + " -> " + out + " (expected " + expected + ")");
        }
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
