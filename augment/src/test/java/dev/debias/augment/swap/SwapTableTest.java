package dev.debias.augment.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven test of the default (gender) swapper on hand-written English sentences: each row of
 * {@code swap-table.tsv} gives a sentence and its exact counterfactual. Known wrong outputs are not in
 * the table; they live, disabled, in {@link SwapKnownBugsTest}.
 */
class SwapTableTest {
    static final String TABLE = "swap-table.tsv";

    private static CounterfactualSwapper swapper;

    @BeforeAll
    static void build() {
        swapper = CounterfactualSwapper.builder().build();
    }

    /** One row of the table. */
    record Row(int line, String input, String expected) {}

    static List<Row> table() {
        return TestTables.read(TABLE, 2, "input<TAB>expected").stream()
                .map(l -> new Row(l.number(), l.fields()[0], l.fields()[1])).toList();
    }

    static Stream<Arguments> rows() {
        return table().stream().map(r -> Arguments.of(r.line(), r.input(), r.expected()));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("rows")
    void swapsExactly(int line, String input, String expected) {
        Counterfactual c = swapper.swap(input);
        assertEquals(expected, c.text(), TABLE + ":" + line);
        if (expected.equals(input)) {
            assertTrue(c.substitutions().isEmpty(), "no substitutions expected: " + c.substitutions());
            assertFalse(c.changed());
        } else {
            assertTrue(c.changed());
        }
        assertSubstitutionsRebuild(input, c);
    }

    /** The substitutions describe the output exactly: in order, disjoint, 'before' is the original text. */
    static void assertSubstitutionsRebuild(String input, Counterfactual c) {
        StringBuilder sb = new StringBuilder();
        int last = 0;
        for (Substitution s : c.substitutions()) {
            assertTrue(s.start() >= last, "substitutions overlap or are out of order: " + c.substitutions());
            assertEquals(input.substring(s.start(), s.end()), s.before(), s.toString());
            assertFalse(s.before().equals(s.after()), "a no-op substitution: " + s);
            sb.append(input, last, s.start()).append(s.after());
            last = s.end();
        }
        sb.append(input, last, input.length());
        assertEquals(c.text(), sb.toString(), "substitutions do not rebuild the text");
    }

    @Test
    void tableIsLargeAndCoversChangedAndUnchangedRows() {
        List<Row> rows = table();
        assertTrue(rows.size() >= 60, "only " + rows.size() + " rows");
        long unchanged = rows.stream().filter(r -> r.input().equals(r.expected())).count();
        assertTrue(unchanged >= 10, "unchanged rows: " + unchanged);
        assertTrue(rows.size() - unchanged >= 50, "changed rows: " + (rows.size() - unchanged));
        assertEquals(rows.size(), rows.stream().map(Row::input).distinct().count(), "duplicate inputs");
    }

    // ---- exact substitution lists for a subset ----

    static Stream<Arguments> substitutionRows() {
        return Stream.of(
                Arguments.of("She said that her brother would drive.", List.of(
                        new Substitution(0, 3, "She", "He"),
                        new Substitution(14, 17, "her", "his"),
                        new Substitution(18, 25, "brother", "sister"))),
                Arguments.of("I saw her yesterday at the market.", List.of(
                        new Substitution(6, 9, "her", "him"))),
                Arguments.of("The red bicycle is his.", List.of(
                        new Substitution(19, 22, "his", "hers"))),
                Arguments.of("It was his; the rest were hers.", List.of(
                        new Substitution(7, 10, "his", "hers"),
                        new Substitution(26, 30, "hers", "his"))),
                Arguments.of("The actress's costume was torn.", List.of(
                        new Substitution(4, 11, "actress", "actor"))),
                Arguments.of("The waitresses' tips were pooled.", List.of(
                        new Substitution(4, 14, "waitresses", "waiters"))),
                Arguments.of("He's a careful driver.", List.of(
                        new Substitution(0, 2, "He", "She"))),
                Arguments.of("Mr. and Mrs. Smith arrived.", List.of(
                        new Substitution(0, 2, "Mr", "Ms"),
                        new Substitution(8, 11, "Mrs", "Mr"))),
                Arguments.of("I met Jill Scott and Mr. Scott in San Diego.", List.of(
                        new Substitution(6, 10, "Jill", "Greg"),
                        new Substitution(21, 23, "Mr", "Ms"))),
                Arguments.of("Dr. Diego Ramirez met Mrs. Mary Smith.", List.of(
                        new Substitution(4, 9, "Diego", "Brianna"),
                        new Substitution(22, 25, "Mrs", "Mr"),
                        new Substitution(27, 31, "Mary", "James"))),
                Arguments.of("SHE LEFT EARLY.", List.of(
                        new Substitution(0, 3, "SHE", "HE"))),
                Arguments.of("She—and only she—knew.", List.of(
                        new Substitution(0, 3, "She", "He"),
                        new Substitution(13, 16, "she", "he"))),
                Arguments.of("Sheldon read the therapist's notes.", List.of()),
                Arguments.of("The hero saved the town.", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("substitutionRows")
    void substitutionListIsExact(String input, List<Substitution> expected) {
        Counterfactual c = swapper.swap(input);
        assertEquals(expected, c.substitutions());
        assertSubstitutionsRebuild(input, c);
    }

    // ---- groups found ----

    @Test
    void groupsFoundCountEveryTermAndNameByGroup() {
        Counterfactual c = swapper.swap("Mary told her brother that James and his wife had left.");
        // female: Mary, her, wife; male: brother, James, his
        assertEquals(Map.of("female", 3, "male", 3), c.groupsFound());
        assertEquals("James told his sister that Mary and her husband had left.", c.text());
    }

    @Test
    void groupsFoundCountTermsWithoutCounterpartAndAmbiguousOnesAreNotCounted() {
        // mister is a male term without a pair (counted, not swapped); hero is ambiguous (neither)
        Counterfactual c = swapper.swap("The mister was a hero.");
        assertEquals("The mister was a hero.", c.text());
        assertEquals(Map.of("male", 1), c.groupsFound());
        assertFalse(c.changed());
    }

    @Test
    void textWithoutTermsHasNoGroupsAndIsReturnedAsIs() {
        String text = "The cat slept on the warm mat.";
        Counterfactual c = swapper.swap(text);
        assertEquals(text, c.text());
        assertEquals(Map.of(), c.groupsFound());
        assertEquals(List.of(), c.substitutions());
    }

    @Test
    void emptyAndBlankTextsAreUnchanged() {
        assertEquals("", swapper.swap("").text());
        assertEquals("  \n\t", swapper.swap("  \n\t").text());
        assertFalse(swapper.swap("").changed());
    }

    @Test
    void multiSentenceTextKeepsItsLayout() {
        String in = "She called.\n\nHer brother answered:  \"Mr. Brown is out.\"\n";
        String out = "He called.\n\nHis sister answered:  \"Ms. Brown is out.\"\n";
        assertEquals(out, swapper.swap(in).text());
    }

    @Test
    void swappingTwiceRestoresSymmetricPairs() {
        // every term here has a symmetric pair (unlike mrs -> mr -> ms), so swapping twice is the identity
        String text = "She thanked her brother and his wife, then James met Mary.";
        String once = swapper.swap(text).text();
        assertEquals("He thanked his sister and her husband, then Mary met James.", once);
        assertEquals(text, swapper.swap(once).text());
    }

    @Test
    void defaultsAreGenderAndBothDirections() {
        assertEquals("gender", swapper.axis());
        assertEquals(Direction.BOTH, swapper.direction());
    }
}
