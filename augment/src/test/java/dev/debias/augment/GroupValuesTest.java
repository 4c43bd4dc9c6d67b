package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ground-truth group values and their counterparts, in the value's own style. */
class GroupValuesTest {
    private static final List<String> GENDER = List.of("female", "male");

    @ParameterizedTest
    @CsvSource({"female,female", "Female,female", "' MALE ',male", "f,female", "F,female", "m,male", "M,male"})
    void valuesStandForAGroupIgnoringCaseOrByTheirInitial(String value, String group) {
        assertEquals(group, GroupValues.groupOf(value, GENDER));
    }

    @Test
    void otherValuesStandForNoGroup() {
        for (String v : List.of("", " ", "x", "woman", "fe", "females", "nonbinary")) {
            assertNull(GroupValues.groupOf(v, GENDER), v);
        }
        // an initial that starts two groups is ambiguous
        assertNull(GroupValues.groupOf("m", List.of("male", "man")));
        assertEquals("man", GroupValues.groupOf("Man", List.of("male", "man")));
    }

    @ParameterizedTest
    @CsvSource({"female,female,male,male", "Female,female,male,Male", "FEMALE,female,male,MALE", "F,female,male,M",
        "f,female,male,m", "male,male,female,female", "Male,male,female,Female", "M,male,female,F", "m,male,female,f"})
    void counterpartsKeepTheValuesStyle(String value, String from, String to, String expected) {
        assertEquals(expected, GroupValues.counterpart(value, from, to));
    }
}
