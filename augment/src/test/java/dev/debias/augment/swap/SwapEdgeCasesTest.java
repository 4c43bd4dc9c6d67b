package dev.debias.augment.swap;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.PairLexicon;
import dev.debias.lexicon.TermLexicon;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The hard cases review found: names after capitalized words, bare possessive apostrophes, object
 * pronouns before adjectives, numbers and names, time words, lexicon coverage and the
 * substitutions field's parser. The one disabled test is a known limitation of the tagger.
 */
class SwapEdgeCasesTest {
    private static CounterfactualSwapper swapper;

    @BeforeAll
    static void build() {
        swapper = CounterfactualSwapper.builder().build();
    }

    private static void expect(String... inputAndExpected) {
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < inputAndExpected.length; i += 2) {
            String in = inputAndExpected[i];
            String out = inputAndExpected[i + 1];
            checks.add(() -> assertEquals(out, swapper.swap(in).text(), in));
        }
        assertAll(checks);
    }

    @Test
    void nameAfterACapitalizedOrdinaryWordIsSwapped() {
        expect("When Mary arrived, she smiled.", "When James arrived, he smiled.",
                "Ask Mary.", "Ask James.",
                "Did Mary call?", "Did James call?",
                "Then John left.", "Then Jennifer left.",
                "Yesterday Mary called her mother.", "Yesterday James called his father.",
                "MARY AND JAMES LEFT.", "JAMES AND MARY LEFT.");
    }

    @Test
    void possessiveApostropheFollowsTheCounterpart() {
        expect("James' car was red.", "Mary's car was red.",
                "The princess' crown was heavy.", "The prince's crown was heavy.",
                "Charles' sister sang.", "Betty's brother sang.");
    }

    @Test
    void objectHerBeforeAPredicativeAdjective() {
        expect("This made her happy.", "This made him happy.",
                "The news made her very sad.", "The news made him very sad.", "The rain kept her busy.", "The rain kept him busy.");
    }

    @Test
    @Disabled("known limitation: the UD model tags 'guilty' in 'found her guilty' as a noun, so 'her' reads as a"
            + " determiner")
    void objectHerBeforeAnAdjectiveTaggedAsNoun() {
        expect("They found her guilty.", "They found him guilty.");
    }

    @Test
    void objectHerBeforeANumberOrAProperNoun() {
        expect("I called her 3 times.", "I called him 3 times.",
                "They named her Rose.", "They named him Liam.");
    }

    @Test
    void possessiveHerBeforeATimeAdjective() {
        expect("Her later work was darker.", "His later work was darker.");
    }

    @Test
    void possessiveBeforeLastOrNextAndATimeNoun() {
        expect("She spent her last summer of college in Rome.", "He spent his last summer of college in Rome.",
                "He spent his last year of school abroad.", "She spent her last year of school abroad.",
                "Her next week will be busy.", "His next week will be busy.");
    }

    @Test
    void standaloneHisBeforeAnAdjective() {
        expect("The fault is his alone.", "The fault is hers alone.");
    }

    @Test
    void monthAndPlaceNamesAreNotFirstNames() {
        expect("She was born in April.", "He was born in April.",
                "She moved to Austin.", "He moved to Austin.",
                "He lives in Virginia.", "She lives in Virginia.");
    }

    @Test
    void counterpartOfAnAmbiguousTermDoesNotCollapseTheRoles() {
        expect("The groom danced with the bride.", "The bride danced with the groom.",
                "The hero met the heroine.", "The heroine met the hero.",
                "The host thanked the hostess.", "The hostess thanked the host.");
    }

    @Test
    void theUnambiguousGenderTermsWithoutACounterpartAreTheDocumentedOnes() {
        TermLexicon terms = Lexicons.terms("builtin:gender");
        PairLexicon pairs = Lexicons.pairs("builtin:gender");
        List<String> missing = new ArrayList<>();
        for (LexiconTerm t : terms.terms()) {
            if (!t.ambiguous() && pairs.lookup("gender", t.key()).isEmpty()) {
                missing.add(t.key());
            }
        }
        // no counterpart with the same meaning: counted by the audit, never swapped (README, Augment)
        assertEquals(List.of("dames", "maiden", "maidens", "mistress", "mistresses", "ballerina", "ballerinas",
                "seamstress", "seamstresses", "mister"), missing);
    }

    @Test
    void malformedFieldsThrowIllegalArgument() {
        List<Executable> checks = new ArrayList<>();
        for (String f : List.of("abc", "0-3:abc", "3-1:abc>d", "0-3abc>d", "0-3:ab", "0-3:abc>d; 4-5:e")) {
            checks.add(() -> assertThrows(IllegalArgumentException.class, () -> Substitution.parse(f), f));
        }
        assertAll(checks);
    }

    @Test
    void afterHoldingAnEntryLikeSequenceRoundTrips() {
        List<Substitution> list = List.of(new Substitution(0, 3, "She", "[MASK; 1-2]"),
                new Substitution(8, 11, "her", "x"));
        assertEquals(list, Substitution.parse(Substitution.format(list)));
    }
}
