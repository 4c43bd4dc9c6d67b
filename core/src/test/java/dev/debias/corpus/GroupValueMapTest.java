package dev.debias.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link GroupValueMap}: parsing, its errors, reading values as groups and writing groups as values. */
class GroupValueMapTest {
    private static final List<String> RACE = List.of("asian", "black", "hispanic", "white");

    @Test
    void parsesValuesWithSpacesAndHyphensIgnoringCaseAndSurroundingSpace() {
        GroupValueMap m = GroupValueMap.parse(" African-American = black, European=white,Latin  American=hispanic");
        assertEquals(Map.of("African-American", "black", "European", "white", "Latin  American", "hispanic"), m.entries());
        assertEquals("black", m.mapped("african-american"));
        assertEquals("black", m.mapped("  AFRICAN-AMERICAN "));
        assertEquals("hispanic", m.mapped("latin  american"));
        assertNull(m.mapped("African American"), "a hyphen is part of the value");
        assertEquals("African-American=black,European=white,Latin  American=hispanic", m.toString());
        assertEquals(m, GroupValueMap.parse(m.toString()), "toString reads back");
    }

    @ParameterizedTest
    @ValueSource(strings = {"African-American", "African-American=", "=black", "a=b=c", "a=black,,b=white",
        "a=black,", " = "})
    void aMalformedEntryIsAnErrorNamingIt(String spec) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GroupValueMap.parse(spec));
        assertTrue(e.getMessage().startsWith(Setting.GROUP_VALUES.mention()), e.getMessage());
        assertTrue(e.getMessage().contains("is not VALUE=GROUP"), e.getMessage());
        assertTrue(e.getMessage().contains("African-American=black,European=white"), "an example: " + e.getMessage());
    }

    @Test
    void aMalformedEntryIsNamedAsWritten() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GroupValueMap.parse("African-American=black,European"));
        assertTrue(e.getMessage().contains("the entry 'European' of 'African-American=black,European'"), e.getMessage());
    }

    @Test
    void anEmptyMappingAndAValueGivenTwoGroupsAreErrors() {
        assertTrue(assertThrows(InvalidInputException.class, () -> GroupValueMap.parse(" ")).getMessage()
                .contains("is empty"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GroupValueMap.parse("jews=jewish,Jews=muslim"));
        assertTrue(e.getMessage().contains("'Jews' is mapped to both 'jewish' and 'muslim'"), e.getMessage());
        assertEquals(Map.of("jews", "jewish"), GroupValueMap.parse("jews=jewish,JEWS=Jewish").entries(), "the same group twice");
    }

    @Test
    void aGroupTheAxisLacksIsAnErrorNamingTheEntryAndTheAxisGroups() {
        GroupValueMap m = GroupValueMap.parse("African-American=black,European=european");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> m.requireGroupsOf("race", RACE));
        assertTrue(e.getMessage().contains("the entry 'European=european'"), e.getMessage());
        assertTrue(e.getMessage().contains("axis race [asian, black, hispanic, white]"), e.getMessage());
        Map<String, List<String>> two = new LinkedHashMap<>();
        two.put("gender", List.of("female", "male"));
        two.put("race", RACE);
        String both = assertThrows(InvalidInputException.class, () -> m.requireGroupsOf(two)).getMessage();
        assertTrue(both.contains("axis gender [female, male]; axis race [asian, black, hispanic, white]"), both);
        assertEquals(Map.of("African-American", "black", "Woman", "female"),
                GroupValueMap.parse("African-American=Black,Woman=FEMALE").requireGroupsOf(two).entries(),
                "groups spelled as the axis spells them");
    }

    @Test
    void theMappingComesBeforeTheRuleByName() {
        GroupValueMap m = GroupValueMap.parse("African-American=black,European=white,w=black");
        assertEquals("black", m.groupOf("African-American", RACE));
        assertEquals("white", m.groupOf("european", RACE));
        assertEquals("black", m.groupOf("W", RACE), "mapped, not the one letter starting white");
        assertEquals("white", m.groupOf("White", RACE), "not mapped: by name");
        assertEquals("asian", m.groupOf("a", RACE), "one letter starting one group");
        assertNull(m.groupOf("Latino", RACE));
        assertNull(m.groupOf("African-American", List.of("female", "male")), "mapped to a group of another axis");
        assertEquals("female", GroupValueMap.NONE.groupOf("F", List.of("female", "male")));
    }

    @Test
    void aGroupIsWrittenAsTheFirstValueMappedToIt() {
        GroupValueMap m = GroupValueMap.parse("African-American=black,European=white,Black American=black");
        assertEquals("African-American", m.valueOf("black"));
        assertEquals("European", m.valueOf("WHITE"));
        assertNull(m.valueOf("asian"));
        assertTrue(GroupValueMap.NONE.isEmpty());
        assertEquals("", GroupValueMap.NONE.toString());
    }
}
