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
    void everyRankedNameSwapsToTheNameOfTheSameRankAndRace() {
        // the i-th female name of a race pairs with the i-th male name of the same race (names of no race among
        // themselves), so a gender swap keeps the name's race: Latoya and Malik, not Latoya and Jared
        TermLexicon names = Lexicons.terms("builtin:names");
        TermLexicon races = Lexicons.terms("builtin:race-names");
        java.util.Set<String> shielded = new java.util.HashSet<>();
        Lexicons.terms("builtin:protected").terms().stream().filter(t -> t.group().equals("figure"))
                .forEach(t -> shielded.add(t.key()));
        Map<String, List<LexiconTerm>> female = new java.util.LinkedHashMap<>();
        Map<String, List<LexiconTerm>> male = new java.util.LinkedHashMap<>();
        for (LexiconTerm t : names.terms("gender", "female", false)) {
            female.computeIfAbsent(races.lookup("race", t.key()).map(LexiconTerm::group).orElse(""), k -> new ArrayList<>()).add(t);
        }
        for (LexiconTerm t : names.terms("gender", "male", false)) {
            male.computeIfAbsent(races.lookup("race", t.key()).map(LexiconTerm::group).orElse(""), k -> new ArrayList<>()).add(t);
        }
        assertEquals("Mary", female.get("").get(0).term());
        assertEquals("James", male.get("").get(0).term());
        List<String> failures = new ArrayList<>();
        int pairs = 0;
        for (String race : female.keySet()) {
            List<LexiconTerm> f = female.get(race);
            List<LexiconTerm> m = male.getOrDefault(race, List.of());
            for (int i = 0; i < Math.min(f.size(), m.size()); i++) {
                String a = f.get(i).term();
                String b = m.get(i).term();
                if (shielded.contains(f.get(i).key()) || shielded.contains(m.get(i).key())) {
                    continue;   // a protected figure (Jesus) is never swapped
                }
                pairs++;
                check(failures, "I saw " + a + " today.", "I saw " + b + " today.");
                check(failures, "I saw " + b + " today.", "I saw " + a + " today.");
                check(failures, a + " and " + b + " left.", b + " and " + a + " left.");
            }
        }
        assertTrue(pairs > 200, "pairs " + pairs);
        assertTrue(female.containsKey("black") && male.containsKey("black"), "black names of both genders");
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
