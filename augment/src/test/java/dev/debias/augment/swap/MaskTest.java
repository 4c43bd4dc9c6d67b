package dev.debias.augment.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.TermLexicon;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MaskTest {
    private static CounterfactualSwapper swapper;

    @BeforeAll
    static void build() {
        swapper = CounterfactualSwapper.builder().build();
    }

    @Test
    void masksTermsAndNamesAndLeavesTheRest() {
        String in = "She met Mary and her brother at the theatre.";
        Counterfactual c = swapper.mask(in);
        assertEquals("[MASK] met [MASK] and [MASK] [MASK] at the theatre.", c.text());
        assertEquals(List.of(new Substitution(0, 3, "She", "[MASK]"), new Substitution(8, 12, "Mary", "[MASK]"),
                new Substitution(17, 20, "her", "[MASK]"), new Substitution(21, 28, "brother", "[MASK]")),
                c.substitutions());
        assertEquals(Map.of("female", 3, "male", 1), c.groupsFound());
    }

    @Test
    void masksWithoutCaseOrPosChanges() {
        // the placeholder is written as given, whatever the case or part of speech of the term
        assertEquals("[MASK] gave [MASK] [MASK] word; it is [MASK].", swapper.mask("SHE gave him her word; it is hers.").text());
        assertEquals("[MASK] LEFT EARLY.", swapper.mask("SHE LEFT EARLY.").text());
        assertEquals("Sheldon's therapist said [MASK]'S fine.", swapper.mask("Sheldon's therapist said HE'S fine.").text());
    }

    @Test
    void masksTermsWithoutACounterpartButNotAmbiguousOnes() {
        // fireman has no pair but is a male term; hero and maid are ambiguous
        Counterfactual c = swapper.mask("The fireman was a hero to the maid.");
        assertEquals("The [MASK] was a hero to the maid.", c.text());
        assertEquals(Map.of("male", 1), c.groupsFound());
    }

    @Test
    void masksFirstNamesButNotSurnamesOrAmbiguousNames() {
        assertEquals("[MASK] Scott met [MASK]. Scott and Lee.", swapper.mask("Jill Scott met Mr. Scott and Lee.").text());
        // a name without a counterpart of the other group (Nick is ranked below the last female name) is still masked
        assertEquals("[MASK] met [MASK].", swapper.mask("Nick met Mary.").text());
        assertEquals("[MASK] flew to San Diego.", swapper.mask("She flew to San Diego.").text());
    }

    @Test
    void textWithoutTermsIsUnchanged() {
        String in = "Sheldon read the therapist's notes about heroin and themes.";
        Counterfactual c = swapper.mask(in);
        assertEquals(in, c.text());
        assertFalse(c.changed());
        assertEquals(Map.of(), c.groupsFound());
    }

    @Test
    void customPlaceholder() {
        CounterfactualSwapper s = CounterfactualSwapper.builder().optPlaceholder("<person>").build();
        assertEquals("<person> thanked <person> mentor, <person>. Lee.",
                s.mask("She thanked her mentor, Mr. Lee.").text());
        // swapping is unaffected by the placeholder
        assertEquals("He thanked his mentor, Ms. Lee.", s.swap("She thanked her mentor, Mr. Lee.").text());
    }

    @Test
    void emptyPlaceholderDeletesTheTerms() {
        CounterfactualSwapper s = CounterfactualSwapper.builder().optPlaceholder("").build();
        Counterfactual c = s.mask("Ask her mother.");
        assertEquals("Ask  .", c.text());
        assertEquals(List.of(new Substitution(4, 7, "her", ""), new Substitution(8, 14, "mother", "")), c.substitutions());
    }

    @Test
    void maskIgnoresTheDirection() {
        CounterfactualSwapper s = CounterfactualSwapper.builder().optDirection(Direction.FEMALE_TO_MALE).build();
        assertEquals("[MASK] met [MASK] and [MASK].", s.mask("She met him and James.").text());
    }

    @Test
    void optNamesNullLeavesNamesUnmasked() {
        CounterfactualSwapper s = CounterfactualSwapper.builder().optNames(null).build();
        assertEquals("[MASK] met Mary and James.", s.mask("She met Mary and James.").text());
    }

    @Test
    void everyUnambiguousGenderTermIsMasked() {
        TermLexicon terms = Lexicons.terms("builtin:gender");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (LexiconTerm t : terms.terms()) {
            if (t.ambiguous()) {
                continue;
            }
            String in = "Then the " + t.term() + " left.";
            String out = swapper.mask(in).text();
            checked++;
            if (!out.equals("Then the [MASK] left.")) {
                failures.add(t.term() + " -> " + out);
            }
        }
        assertTrue(checked > 250, "checked " + checked);
        assertEquals(List.of(), failures);
    }

    @Test
    void ambiguousGenderTermsAreNotMasked() {
        List<String> failures = new ArrayList<>();
        for (LexiconTerm t : Lexicons.terms("builtin:gender").terms()) {
            if (t.ambiguous()) {
                String in = "Then the " + t.term() + " left.";
                if (!swapper.mask(in).text().equals(in)) {
                    failures.add(t.term());
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void everyUnambiguousFirstNameIsMasked() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        java.util.Set<String> shielded = new java.util.HashSet<>();
        Lexicons.terms("builtin:protected").terms().stream().filter(p -> p.group().equals("figure"))
                .forEach(p -> shielded.add(p.key()));
        for (LexiconTerm t : Lexicons.terms("builtin:names").terms()) {
            String in = "I saw " + t.term() + " today.";
            String out = swapper.mask(in).text();
            // a protected figure (Jesus) names no one's gender and stays
            String expected = t.ambiguous() || shielded.contains(t.key()) ? in : "I saw [MASK] today.";
            checked++;
            if (!out.equals(expected)) {
                failures.add(t.term() + " -> " + out);
            }
        }
        assertTrue(checked > 400, "checked " + checked);
        assertEquals(List.of(), failures);
    }

    @Test
    void lowerCaseNamesAreWordsNotNames() {
        // a name matches only with a capital: "mark", "grace", "rose" are ordinary words here
        String in = "She will mark the rose with grace.";
        assertEquals("[MASK] will mark the rose with grace.", swapper.mask(in).text());
        assertEquals("He will mark the rose with grace.", swapper.swap(in).text());
    }
}
