package dev.debias.lexicon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.demo.Occupation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuiltinLexiconsTest {
    private static final Set<String> PRONOUNS = Set.of("he", "she", "him", "her", "his", "hers", "himself", "herself");

    @ParameterizedTest
    @ValueSource(strings = {"gender", "names", "race", "religion", "age", "occupations", "sentiment"})
    void everyBuiltinTermListLoadsWithOriginsAndAtLeastTwoGroups(String name) {
        TermLexicon lex = Lexicons.terms("builtin:" + name);
        assertTrue(lex.size() > 0, name);
        assertEquals(1, lex.axes().size(), name + " has one axis: " + lex.axes());
        String axis = lex.axes().get(0);
        assertTrue(lex.groups(axis).size() >= 2, name + " groups " + lex.groups(axis));
        for (LexiconTerm t : lex.terms()) {
            assertTrue(t.origin().startsWith("builtin:" + name + ":"), t.origin());
            assertEquals(t.key(), String.join(" ", t.tokens()));
            assertEquals(t.key(), dev.debias.text.Tokens.normalize(t.term()));
        }
    }

    @Test
    void builtinListsAreListed() {
        assertEquals(List.of("gender", "names", "race", "religion", "age", "nationality", "orientation", "disability",
                "race-names", "surnames", "occupations", "sentiment", "people", "protected", "slurs"), Lexicons.BUILTIN_TERMS);
        // every axis has its pair list
        assertEquals(Lexicons.AXES.stream().map(a -> a + "-pairs").toList(), Lexicons.BUILTIN_PAIRS);
    }

    @Test
    void groupsOfTheSmallerBuiltins() {
        assertEquals(List.of("race"), Lexicons.terms("builtin:race").axes());
        assertEquals(List.of("black", "white", "asian", "hispanic", "middle_eastern", "native_american"),
                Lexicons.terms("builtin:race").groups("race"));
        assertEquals(List.of("christian", "muslim", "jewish", "hindu", "buddhist", "sikh", "atheist"),
                Lexicons.terms("builtin:religion").groups("religion"));
        assertEquals(List.of("young", "old"), Lexicons.terms("builtin:age").groups("age"));
        assertEquals(List.of("positive", "negative"), Lexicons.terms("builtin:sentiment").groups("sentiment"));
        assertEquals(List.of("female", "male"), Lexicons.terms("builtin:gender").groups("gender"));
        assertEquals(List.of("female", "male"), Lexicons.terms("builtin:names").groups("gender"));
        for (String name : List.of("race", "religion", "age", "sentiment")) {
            TermLexicon lex = Lexicons.terms("builtin:" + name);
            String axis = lex.axes().get(0);
            for (String g : lex.groups(axis)) {
                assertTrue(lex.terms(axis, g, false).size() >= 3, name + "/" + g);
            }
        }
    }

    @Test
    void namesHaveAtLeast200PerGenderAndFlagUnisexNamesAmbiguous() {
        TermLexicon names = Lexicons.terms("builtin:names");
        assertEquals(List.of("gender"), names.axes());
        int ambiguous = 0;
        for (String g : List.of("female", "male")) {
            List<LexiconTerm> all = names.terms("gender", g, true);
            List<LexiconTerm> plain = names.terms("gender", g, false);
            assertTrue(plain.size() >= 200, g + " has " + plain.size() + " unambiguous names");
            assertEquals(all.size(), all.stream().map(LexiconTerm::key).distinct().count(), g + " has duplicates");
            ambiguous += all.size() - plain.size();
            for (LexiconTerm t : all) {
                assertEquals(1, t.tokens().size(), t.term());
                assertTrue(Character.isUpperCase(t.term().charAt(0)), "names keep their capitals: " + t.term());
            }
        }
        assertTrue(ambiguous >= 10, "ambiguous names: " + ambiguous);
        assertEquals(names.size(), names.terms().stream().map(LexiconTerm::key).distinct().count(),
                "a name is in one gender only");
        for (String unisex : List.of("taylor", "jordan", "casey", "morgan", "riley", "alex", "jamie", "quinn")) {
            assertTrue(names.lookup("gender", unisex).orElseThrow().ambiguous(), unisex);
        }
        assertFalse(names.lookup("gender", "mary").orElseThrow().ambiguous());
        assertEquals("female", names.lookup("gender", "mary").orElseThrow().group());
        assertEquals("male", names.lookup("gender", "james").orElseThrow().group());
        // rank order: the first name of each list is the most popular one
        assertEquals("Mary", names.terms("gender", "female", false).get(0).term());
        assertEquals("James", names.terms("gender", "male", false).get(0).term());
    }

    @Test
    void occupationsHaveAtLeast100GroupsAndCoverTheDemoLabels() {
        TermLexicon occ = Lexicons.terms("builtin:occupations");
        assertEquals(List.of("occupation"), occ.axes());
        assertTrue(occ.groups("occupation").size() >= 100, "groups: " + occ.groups("occupation").size());
        for (Occupation o : Occupation.ALL) {
            assertEquals(o.name(), occ.lookup("occupation", o.name()).orElseThrow().group(), o.name());
        }
        assertTrue(occ.lookup("occupation", "interior designer").orElseThrow().isPhrase());
        // the occupation list is gender-neutral: no surface form is a gender word
        TermLexicon gender = Lexicons.terms("builtin:gender");
        for (LexiconTerm t : occ.terms()) {
            for (String tok : t.tokens()) {
                assertTrue(gender.lookup("gender", tok).isEmpty(), t.term() + " contains gender word " + tok);
            }
        }
    }

    @Test
    void slursAreAimedAtGroupsOfTheirAxis() {
        TermLexicon slurs = Lexicons.terms("builtin:slurs");
        assertEquals(Set.of("race", "religion", "orientation"), Set.copyOf(slurs.axes()));
        for (LexiconTerm t : slurs.terms()) {
            TermLexicon axis = Lexicons.terms("builtin:" + t.axis());
            assertTrue(axis.groups(t.axis()).contains(t.group()), t.origin() + ": no group " + t.group());
            // a slur the axis' own list also holds (orientation lists its slurs for audits) has the same group
            axis.lookup(t.axis(), t.key()).ifPresent(a -> assertEquals(a.group(), t.group(), t.origin()));
        }
        assertEquals("gay", slurs.lookup("orientation", "faggot").orElseThrow().group());
    }

    @Test
    void noTermIsInTwoGroupsOfOneAxisAcrossAllBuiltins() {
        int sum = 0;
        // the slurs list repeats slurs the orientation list holds (checked in slursAreAimedAtGroupsOfTheirAxis)
        List<String> lists = Lexicons.BUILTIN_TERMS.stream().filter(n -> !n.equals("slurs")).toList();
        for (String name : lists) {
            sum += Lexicons.terms("builtin:" + name).size();
        }
        // merging keeps one entry per axis and key, so any overlap between files would shrink the total
        TermLexicon all = Lexicons.terms(lists.stream().map(n -> "builtin:" + n).collect(Collectors.joining(",")));
        assertEquals(sum, all.size());
        assertEquals(Set.of("gender", "race", "religion", "age", "nationality", "orientation", "disability", "occupation",
                "sentiment", "people", "protected"), Set.copyOf(all.axes()));
    }

    @Test
    void genderPairsHaveAtLeast80DistinctPairsAllInTheGenderList() {
        PairLexicon pairs = Lexicons.pairs("builtin:gender-pairs");
        assertEquals(pairs.size(), Lexicons.pairs("builtin:gender").size(), "builtin:gender names the pair list too");
        Set<Set<String>> distinct = new HashSet<>();
        TermLexicon gender = Lexicons.terms("builtin:gender");
        for (CounterfactualPair p : pairs.pairs()) {
            assertEquals("gender", p.axis());
            assertInGenderList(gender, p.term());
            assertInGenderList(gender, p.counterpart());
            String a = gender.lookup("gender", p.term()).orElseThrow().group();
            String b = gender.lookup("gender", p.counterpart()).orElseThrow().group();
            assertFalse(a.equals(b), p + " maps within group " + a);
            distinct.add(Set.of(p.term(), p.counterpart()));
            assertTrue(p.origin().startsWith("builtin:gender-pairs:"), p.origin());
        }
        assertTrue(distinct.size() >= 80, "distinct pairs: " + distinct.size());
    }

    private static void assertInGenderList(TermLexicon gender, String term) {
        assertTrue(gender.lookup("gender", term).isPresent(), "pair term '" + term + "' is not in builtin:gender");
    }

    @Test
    void pronounPairsDependOnPartOfSpeech() {
        PairLexicon pairs = Lexicons.pairs("builtin:gender-pairs");
        List<CounterfactualPair> her = pairs.lookup("gender", "her");
        assertEquals(2, her.size());
        assertEquals(Map.of("PRP$", "his", "PRP", "him"),
                Map.of(her.get(0).posTag(), her.get(0).counterpart(), her.get(1).posTag(), her.get(1).counterpart()));
        List<CounterfactualPair> his = pairs.lookup("gender", "his");
        assertEquals(2, his.size());
        assertEquals(Map.of("PRP$", "her", "PRP", "hers"),
                Map.of(his.get(0).posTag(), his.get(0).counterpart(), his.get(1).posTag(), his.get(1).counterpart()));
        assertEquals(List.of("he"), counterparts(pairs, "she"));
        assertEquals(List.of("she"), counterparts(pairs, "he"));
        assertEquals(List.of("her"), counterparts(pairs, "him"));
        assertEquals(List.of("his"), counterparts(pairs, "hers"));
        assertEquals(List.of("herself"), counterparts(pairs, "himself"));
        assertEquals(List.of("himself"), counterparts(pairs, "herself"));
        assertTrue(pairs.lookup("gender", "him").get(0).unconditional());
    }

    private static List<String> counterparts(PairLexicon pairs, String term) {
        return pairs.lookup("gender", term).stream().map(CounterfactualPair::counterpart).toList();
    }

    @Test
    void nonPronounPairsGoBothWaysWhereTheReverseIsUnique() {
        PairLexicon pairs = Lexicons.pairs("builtin:gender-pairs");
        Map<String, List<String>> sourcesOf = new HashMap<>();
        for (CounterfactualPair p : pairs.pairs()) {
            assertTrue(p.unconditional() || PRONOUNS.contains(p.term()), "only pronouns are POS-conditional: " + p);
            sourcesOf.computeIfAbsent(p.counterpart(), k -> new ArrayList<>()).add(p.term());
        }
        int checked = 0;
        for (CounterfactualPair p : pairs.pairs()) {
            if (PRONOUNS.contains(p.term()) || sourcesOf.get(p.counterpart()).size() > 1) {
                continue;
            }
            List<String> back = counterparts(pairs, p.counterpart());
            assertEquals(List.of(p.term()), back, "reverse of " + p.term() + " -> " + p.counterpart());
            checked++;
        }
        assertTrue(checked >= 200, "checked " + checked);
        // the many-to-one titles map back to one of their sources
        assertEquals(List.of("ms"), counterparts(pairs, "mr"));
        assertEquals(List.of("mr"), counterparts(pairs, "mrs"));
        assertEquals(List.of("mom"), counterparts(pairs, "dad"));
    }

    @Test
    void builtinsAreCachedAndStable() {
        assertEquals(Lexicons.terms("builtin:gender").terms(), Lexicons.terms("builtin:gender").terms());
        assertEquals(Lexicons.pairs("builtin:gender-pairs").pairs(), Lexicons.pairs(" builtin:gender-pairs ").pairs());
    }
}
