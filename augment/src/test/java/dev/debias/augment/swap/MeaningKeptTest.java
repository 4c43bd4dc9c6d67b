package dev.debias.augment.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Counterfactuals that keep their meaning: the failure kinds found when real comments were judged by hand
 * (docs/axes.md), each with a sentence that must stay as it is and, where the rule is narrow, one that
 * must still change.
 */
class MeaningKeptTest {
    private static final CounterfactualSwapper GENDER = CounterfactualSwapper.builder().build();
    private static final CounterfactualSwapper AGE = CounterfactualSwapper.builder().optAxis("age").build();
    private static final CounterfactualSwapper NATIONALITY = CounterfactualSwapper.builder().optAxis("nationality")
            .optPair("american", "canadian").build();
    private static final CounterfactualSwapper RELIGION = CounterfactualSwapper.builder().optAxis("religion")
            .optPair("jewish", "christian").build();

    @Test
    void webAddressesAndIdentifiersNameNoOne() {
        same(GENDER, "See https://en.wikipedia.org/wiki/Mary_Shelley for more.");
        same(GENDER, "The page Wikinews_interviews_Scott_Lucas was moved.");
        assertEquals("He wrote to see https://example.org/Mary_Shelley now.",
                GENDER.swap("She wrote to see https://example.org/Mary_Shelley now.").text());
    }

    @Test
    void aRegnalNumberMarksAKnownPerson() {
        same(GENDER, "They cheered for Elizabeth II at the parade.");
        assertEquals("They cheered for James at the parade.", GENDER.swap("They cheered for Mary at the parade.").text());
    }

    @Test
    void fullNamesAreKeptOnlyWhenAsked() {
        assertEquals("Greg Scott sang.", GENDER.swap("Jill Scott sang.").text());
        CounterfactualSwapper keep = CounterfactualSwapper.builder().optKeepFullNames(true).build();
        Counterfactual c = keep.swap("Jill Scott sang, and Mary smiled.");
        assertEquals("Jill Scott sang, and James smiled.", c.text());
        assertTrue(c.kept().stream().anyMatch(k -> k.text().equals("Jill Scott") && k.reason().equals("protected: person")),
                c.kept().toString());
    }

    @Test
    void anAgeAfterASpanOfTimeIsNoAgeGroup() {
        same(AGE, "An 11 year old girl won.");
        same(AGE, "A 40-year-old man spoke.");
        assertEquals("A young man spoke.", AGE.swap("An old man spoke.").text());
        same(AGE, "Muslim youth met at noon.");
    }

    @Test
    void aGroupWordInsideAProperNameStays() {
        same(NATIONALITY, "He served in the United States Marine Corps.");
        same(NATIONALITY, "She read it in the Times of Canada.");
        assertEquals("The Canadian team won.", NATIONALITY.swap("The American team won.").text());
        Counterfactual c = NATIONALITY.swap("He joined American Airlines in May.");
        assertEquals("He joined American Airlines in May.", c.text());
        assertTrue(c.kept().stream().anyMatch(k -> k.reason().equals("part of a proper name")), c.kept().toString());
    }

    @Test
    void aCapitalisedDescriptionIsNoProperName() {
        assertEquals("He is a Jewish Nationalist, it seems.",
                RELIGION.swap("He is a Christian Nationalist, it seems.").text());
        same(RELIGION, "The Jewish Agency replied.");
        assertEquals("Christian Lobby groups met.", RELIGION.swap("Jewish Lobby groups met.").text());
    }

    @Test
    void anAbbreviationTakesItsCounterpartAsWritten() {
        assertEquals("Canada troops left.", NATIONALITY.swap("U.S. troops left.").text());
    }

    @Test
    void placesOfWorshipThatAreProperNamesStay() {
        same(RELIGION, "Crowds gathered at the Temple Mount.");
        same(RELIGION, "The Roman Catholic Church replied.");
    }

    @Test
    void aTextOutsideThePairNamesTheGroupItsTermsWentTo() {
        Counterfactual c = RELIGION.swap("The Muslim man met a rabbi.");
        assertEquals("The Muslim man met a priest.", c.text());
        assertEquals("christian", c.target());
    }

    private static void same(CounterfactualSwapper s, String text) {
        Counterfactual c = s.swap(text);
        assertEquals(text, c.text(), c.substitutions().toString());
    }
}
