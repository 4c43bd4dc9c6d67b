package dev.debias.lexicon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counterpart rows of a pair file ({@code axis<TAB>GROUP=term[|term...]...}), and the modifier flag. */
class CounterpartRowsTest {
    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(String content) {
        return assertThrows(LexiconFormatException.class, () -> Lexicons.readPairs("rows.tsv", in(content))).getMessage();
    }

    @Test
    void aRowGivesEachSourceOnePairPerOtherGroupToThatGroupsFirstTermAsWritten() {
        PairLexicon p = Lexicons.readPairs("rows.tsv", in("race\tblack=black|blacks\twhite=white\tasian=Asian\n"));
        // black and blacks each go to white and to Asian; white to black and Asian; asian to black and white: 8 pairs
        assertEquals(8, p.size());
        List<CounterfactualPair> blacks = p.lookup("race", "blacks");
        assertEquals(List.of("white>white", "Asian>asian"), blacks.stream().map(x -> x.counterpart() + ">" + x.toGroup()).toList());
        assertTrue(blacks.stream().allMatch(x -> x.fromRow() && x.group().equals("black") && x.origin().equals("rows.tsv:1")));
        assertEquals("black", p.lookup("race", "asian").get(0).counterpart());
    }

    @Test
    void malformedRowsAreErrorsNamingTheLine() {
        assertEquals("rows.tsv:2: column 3 ('white') is not GROUP=term[|term...]; a counterpart row names one concept as "
                + "GROUP=term cells", error("# c\nrace\tblack=black\twhite\n"));
        assertEquals("rows.tsv:1: a counterpart row needs cells of at least two groups, found 1", error("race\tblack=black\n"));
        assertEquals("rows.tsv:1: the group 'black' has two cells in one row", error("race\tblack=black\tblack=blacks\n"));
        assertEquals("rows.tsv:2: 'black' already has a counterpart in group 'white' at rows.tsv:1; a term belongs to one row",
                error("race\tblack=black\twhite=white\nrace\tblack=black\twhite=whites\n"));
    }

    @Test
    void aRowIsCheckedAgainstTheTermList() {
        TermLexicon terms = Lexicons.readTerms("terms.tsv", in("race\tblack\tblack\nrace\twhite\twhite\nrace\twhite\tcaucasian\n"));
        Lexicons.readPairs("ok.tsv", in("race\tblack=black\twhite=white|caucasian\n")).requireConsistentWith(terms, "race");
        LexiconFormatException missing = assertThrows(LexiconFormatException.class,
                () -> Lexicons.readPairs("p.tsv", in("race\tblack=black|blacks\twhite=white\n")).requireConsistentWith(terms, "race"));
        assertEquals("p.tsv:1: 'blacks' is not a term of axis 'race' in the term list; add it to the term list under group "
                + "'black' or fix the row", missing.getMessage());
        LexiconFormatException moved = assertThrows(LexiconFormatException.class,
                () -> Lexicons.readPairs("p.tsv", in("race\tblack=black|caucasian\twhite=white\n")).requireConsistentWith(terms, "race"));
        assertEquals("p.tsv:1: the row puts 'caucasian' in group 'black', but the term list has it in group 'white' "
                + "(terms.tsv:3)", moved.getMessage());
    }

    @Test
    void theModifierFlagIsReadAndCombinesWithAmbiguous() {
        TermLexicon t = Lexicons.readTerms("t.tsv", in("race\tblack\tblack\tambiguous,modifier\nrace\tblack\tblacks\n"));
        LexiconTerm black = t.lookup("race", "black").orElseThrow();
        assertTrue(black.modifier() && black.ambiguous());
        assertFalse(t.lookup("race", "blacks").orElseThrow().modifier());
    }

    @Test
    void theBuiltinFileOfAListIsWhatShips() {
        String text = Lexicons.builtinText("race-pairs");
        assertTrue(text.startsWith("#"), text.substring(0, 40));
        assertEquals(Lexicons.pairs("builtin:race").size(), Lexicons.readPairs("race-pairs", in(text)).size());
        assertTrue(Lexicons.builtinText("race").contains("race\tblack\tblack\t"), "an axis name reads its term list");
        assertThrows(LexiconFormatException.class, () -> Lexicons.builtinText("klingon"));
    }
}
