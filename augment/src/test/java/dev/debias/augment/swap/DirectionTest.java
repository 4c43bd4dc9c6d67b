package dev.debias.augment.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.lexicon.Lexicons;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectionTest {
    private static CounterfactualSwapper toMale;
    private static CounterfactualSwapper toFemale;

    @BeforeAll
    static void build() {
        toMale = CounterfactualSwapper.builder().optDirection(Direction.FEMALE_TO_MALE).build();
        toFemale = CounterfactualSwapper.builder().optDirection(Direction.MALE_TO_FEMALE).build();
    }

    @Test
    void parsesTheThreeDirections() {
        assertEquals(Direction.BOTH, Direction.parse("both"));
        assertEquals(Direction.BOTH, Direction.parse("two-way"));
        assertEquals(Direction.FEMALE_TO_MALE, Direction.parse("female-to-male"));
        assertEquals(Direction.MALE_TO_FEMALE, Direction.parse("male-to-female"));
    }

    @Test
    void parseIgnoresCaseAndSurroundingBlanks() {
        assertEquals(Direction.FEMALE_TO_MALE, Direction.parse("  Female-To-Male\t"));
        assertEquals(Direction.BOTH, Direction.parse("BOTH"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "sideways", "female_to_male", "femaletomale", "male", "female-to-male-to-female", "f2m"})
    void parseRejectsAnythingElse(String s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Direction.parse(s));
        assertTrue(e.getMessage().contains("'" + s + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("female-to-male"), e.getMessage());
    }

    @Test
    void parseOfNullThrows() {
        assertThrows(NullPointerException.class, () -> Direction.parse(null));
    }

    @Test
    void toStringRoundTripsThroughParse() {
        for (Direction d : Direction.values()) {
            assertEquals(d, Direction.parse(d.toString()));
        }
        assertEquals("female-to-male", Direction.FEMALE_TO_MALE.toString());
        assertEquals("male-to-female", Direction.MALE_TO_FEMALE.toString());
        assertEquals("both", Direction.BOTH.toString());
    }

    @Test
    void allowsByGroup() {
        assertTrue(Direction.BOTH.allows("female"));
        assertTrue(Direction.BOTH.allows("male"));
        assertTrue(Direction.BOTH.allows(null));
        assertTrue(Direction.BOTH.allows("a"));
        assertTrue(Direction.FEMALE_TO_MALE.allows("female"));
        assertFalse(Direction.FEMALE_TO_MALE.allows("male"));
        assertFalse(Direction.FEMALE_TO_MALE.allows(null));
        assertTrue(Direction.MALE_TO_FEMALE.allows("male"));
        assertFalse(Direction.MALE_TO_FEMALE.allows("female"));
        assertFalse(Direction.MALE_TO_FEMALE.allows(null));
    }

    @Test
    void femaleToMaleLeavesMaleTermsAlone() {
        Counterfactual c = toMale.swap("She met him and his brother at her house.");
        assertEquals("He met him and his brother at his house.", c.text());
        assertEquals(List.of(new Substitution(0, 3, "She", "He"), new Substitution(31, 34, "her", "his")),
                c.substitutions());
        // groups found count every term, swapped or not
        assertEquals(Map.of("female", 2, "male", 3), c.groupsFound());
    }

    @Test
    void maleToFemaleLeavesFemaleTermsAlone() {
        Counterfactual c = toFemale.swap("She met him and his brother at her house.");
        assertEquals("She met her and her sister at her house.", c.text());
        assertEquals(Map.of("female", 2, "male", 3), c.groupsFound());
    }

    @Test
    void oneWayDirectionsApplyToNamesToo() {
        assertEquals("James met James.", toMale.swap("Mary met James.").text());
        assertEquals("Mary met Mary.", toFemale.swap("Mary met James.").text());
    }

    @Test
    void oneWayOnTextOfTheOtherGroupChangesNothing() {
        Counterfactual c = toMale.swap("The king thanked his son, Mr. Brown.");
        assertEquals("The king thanked his son, Mr. Brown.", c.text());
        assertFalse(c.changed());
        assertEquals(Map.of("male", 4), c.groupsFound());
        assertFalse(toFemale.swap("The queen thanked her daughter, Ms. Brown.").changed());
    }

    @Test
    void swapperReportsItsDirection() {
        assertEquals(Direction.FEMALE_TO_MALE, toMale.direction());
        assertEquals(Direction.MALE_TO_FEMALE, toFemale.direction());
    }

    @Test
    void oneWayDirectionNeedsFemaleAndMaleGroups() {
        String terms = "toy\ta\tchurch\ntoy\tb\ttemple\n";
        String pairs = "toy\tchurch\ttemple\ntoy\ttemple\tchurch\n";
        CounterfactualSwapper.Builder b = CounterfactualSwapper.builder().optAxis("toy")
                .optTerms(Lexicons.readTerms("toy-terms", stream(terms)))
                .optPairs(Lexicons.readPairs("toy-pairs", stream(pairs)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.optDirection(Direction.FEMALE_TO_MALE).build());
        assertTrue(e.getMessage().contains("female and male"), e.getMessage());
        // both directions work on any axis
        assertEquals("the temple", b.optDirection(Direction.BOTH).build().swap("the church").text());
    }

    @Test
    void builderRejectsNullDirection() {
        assertThrows(NullPointerException.class, () -> CounterfactualSwapper.builder().optDirection(null));
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
