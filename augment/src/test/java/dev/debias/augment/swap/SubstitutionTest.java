package dev.debias.augment.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubstitutionTest {

    @Test
    void toStringIsStartEndBeforeAfter() {
        assertEquals("0-3:She>He", new Substitution(0, 3, "She", "He").toString());
        assertEquals("12-15:her>him", new Substitution(12, 15, "her", "him").toString());
    }

    @Test
    void formatJoinsWithSemicolonSpace() {
        List<Substitution> list = List.of(new Substitution(0, 3, "She", "He"), new Substitution(12, 15, "her", "his"),
                new Substitution(16, 23, "brother", "sister"));
        assertEquals("0-3:She>He; 12-15:her>his; 16-23:brother>sister", Substitution.format(list));
        assertEquals(list, Substitution.parse(Substitution.format(list)));
    }

    @Test
    void emptyListFormatsToEmptyAndParsesBack() {
        assertEquals("", Substitution.format(List.of()));
        assertEquals(List.of(), Substitution.parse(""));
        assertEquals(List.of(), Substitution.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"semi;colon", "a;b", ";", "; ", "x; y", "1; 2", "a; -3", "; 12", "a;1-2", "well-known",
            "-", "9-5", "R2-D2", "12", "0-0", "3-4:x", "[MASK]", "a>b", ">", "x; y; z", "x ", " ", "", "日本語", "a\tb"})
    void afterValuesRoundTrip(String after) {
        List<Substitution> list = List.of(new Substitution(0, 3, "She", after), new Substitution(8, 11, "her", after),
                new Substitution(20, 22, "Mr", "Ms"));
        assertEquals(list, Substitution.parse(Substitution.format(list)), Substitution.format(list));
        // also as the last entry
        List<Substitution> last = List.of(new Substitution(20, 22, "Mr", "Ms"), new Substitution(30, 33, "her", after));
        assertEquals(last, Substitution.parse(Substitution.format(last)), Substitution.format(last));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a; 1-2:x>y", "; 3-4", ">", "0-3:", "a-b", "x>y; z", "-", "12-34", "日本", "line\nbreak"})
    void beforeValuesRoundTripWhateverTheyHold(String before) {
        // 'before' is read by its length, so it may hold anything, even text that looks like an entry
        List<Substitution> list = List.of(new Substitution(5, 5 + before.length(), before, "he"),
                new Substitution(40, 43, "her", "his"));
        assertEquals(list, Substitution.parse(Substitution.format(list)), Substitution.format(list));
    }

    @Test
    void largeOffsetsAndManyEntriesRoundTrip() {
        List<Substitution> list = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int start = 1_000_000 + i * 10;
            list.add(new Substitution(start, start + 3, i % 2 == 0 ? "her" : "his", i % 3 == 0 ? "9-5; x" : "hers"));
        }
        assertEquals(list, Substitution.parse(Substitution.format(list)));
    }

    @Test
    void swapOutputRoundTrips() {
        Counterfactual c = CounterfactualSwapper.builder().build()
                .swap("Mr. and Mrs. Smith met her brother, his wife and Mary.");
        assertTrue(c.substitutions().size() >= 6, c.substitutions().toString());
        assertEquals(c.substitutions(), Substitution.parse(Substitution.format(c.substitutions())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0-3:abc", "0-3:abcX", "x-3:abc>d", "3-1:abc>d", "0-3abc>d", "0-3:ab", "-1-2:a>b",
            "0-3:abc>d; 4-5:e", " 0-3:abc>d", "0-3:abc?d"})
    void malformedFieldThrows(String field) {
        assertThrows(RuntimeException.class, () -> Substitution.parse(field));
    }

    @Test
    void wrongSeparatorAfterBeforeIsReportedAsMalformed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Substitution.parse("0-3:abcX"));
        assertTrue(e.getMessage().contains("malformed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Substitution.parse("0-3:She>He; 4-7:herX"));
        assertTrue(e.getMessage().contains("offset 12"), e.getMessage());
    }

    @Test
    void nonNumericOffsetsThrowIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> Substitution.parse("x-3:abc>d"));
        assertThrows(IllegalArgumentException.class, () -> Substitution.parse("0-y:abc>d"));
    }

    @Test
    void constructorValidatesTheSpan() {
        assertThrows(IllegalArgumentException.class, () -> new Substitution(-1, 2, "abc", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Substitution(3, 2, "", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Substitution(0, 2, "abc", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Substitution(0, 4, "abc", "x"));
        assertThrows(NullPointerException.class, () -> new Substitution(0, 3, null, "x"));
        assertThrows(NullPointerException.class, () -> new Substitution(0, 3, "abc", null));
        assertEquals("5-5:>x", new Substitution(5, 5, "", "x").toString());
    }

    @Test
    void parsedSpansAreValidatedToo() {
        // end - start must equal the length of 'before'; a field claiming a longer span than it holds throws
        assertThrows(RuntimeException.class, () -> Substitution.parse("0-5:abc>d"));
    }
}
