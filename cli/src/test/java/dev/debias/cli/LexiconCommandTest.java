package dev.debias.cli;

import static dev.debias.cli.CliTest.debias;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.TermLexicon;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code debias lexicon list} and {@code show}: every built-in, whatever the lists hold. */
class LexiconCommandTest {
    @Test
    void listNamesEveryBuiltinWithItsKindAndGroupCounts() {
        CliTest.Run r = debias("lexicon", "list");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        for (String name : Lexicons.BUILTIN_TERMS) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("builtin:" + name + " ") && l.contains(" terms ")),
                    name + ":\n" + r.out());
        }
        for (String name : Lexicons.BUILTIN_PAIRS) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("builtin:" + name + " ") && l.contains(" pairs ")),
                    name + ":\n" + r.out());
        }
        TermLexicon gender = Lexicons.terms("builtin:gender");
        String counts = "female " + gender.terms("gender", "female", true).size() + ", male "
                + gender.terms("gender", "male", true).size();
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("builtin:gender ") && l.endsWith(counts)), counts + "\n" + r.out());
    }

    @Test
    void showPrintsATermListAsTsvThatReadsBackAsTheSameList() {
        CliTest.Run r = debias("lexicon", "show", "gender", "--format", "tsv");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.equals("gender\tfemale\tshe")), r.out());
        // the file as it ships, its header comment saying where the facts come from
        assertTrue(r.out().startsWith("# "), r.out());
        for (String name : Lexicons.BUILTIN_TERMS) {
            CliTest.Run s = debias("lexicon", "show", "builtin:" + name, "--format", "tsv");
            assertEquals(ExitCodes.OK, s.code(), s.err());
            TermLexicon back = Lexicons.readTerms(name + ".tsv", new ByteArrayInputStream(s.out().getBytes(StandardCharsets.UTF_8)));
            assertEquals(view(Lexicons.terms("builtin:" + name)), view(back), name);
        }
    }

    private static List<String> view(TermLexicon l) {
        return l.terms().stream().map(t -> t.axis() + "|" + t.group() + "|" + t.term() + "|"
                + LexiconCommand.Show.flags(t)).toList();
    }

    @Test
    void showPrintsPairListsAndTablesByDefault() {
        for (String name : Lexicons.BUILTIN_PAIRS) {
            // the file as it ships reads back as the same pairs, counterpart rows included
            CliTest.Run tsv = debias("lexicon", "show", name, "--format", "tsv");
            assertEquals(ExitCodes.OK, tsv.code(), tsv.err());
            var back = Lexicons.readPairs(name, new ByteArrayInputStream(tsv.out().getBytes(StandardCharsets.UTF_8)));
            assertEquals(Lexicons.pairs("builtin:" + name).pairs().stream().map(p -> p.term() + ">" + p.counterpart() + ">"
                    + p.toGroup()).toList(), back.pairs().stream().map(p -> p.term() + ">" + p.counterpart() + ">"
                    + p.toGroup()).toList(), name);
        }
        // The gender pairs are directed rows.
        CliTest.Run tsv = debias("lexicon", "show", "builtin:gender-pairs", "--format", "tsv");
        var back = Lexicons.readPairs("gender-pairs", new ByteArrayInputStream(tsv.out().getBytes(StandardCharsets.UTF_8)));
        assertEquals(Lexicons.pairs("builtin:gender-pairs").pairs().stream().map(p -> p.axis() + p.term() + p.counterpart()
                + p.posTag()).toList(), back.pairs().stream().map(p -> p.axis() + p.term() + p.counterpart() + p.posTag()).toList());
        assertTrue(tsv.out().lines().anyMatch(l -> l.equals("gender\ther\this\tPRP$")), tsv.out());
        CliTest.Run table = debias("lexicon", "show", "builtin:gender");
        assertEquals(ExitCodes.OK, table.code(), table.err());
        assertTrue(table.out().lines().findFirst().orElseThrow().matches("axis +group +term +flags"), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.matches("gender +female +she")), table.out());
        assertFalse(table.out().contains("\t"));
        LexiconTerm ambiguous = Lexicons.terms("builtin:names").terms().stream().filter(LexiconTerm::ambiguous).findFirst().orElseThrow();
        assertTrue(debias("lexicon", "show", "names").out().lines()
                .anyMatch(l -> l.matches("gender +" + ambiguous.group() + " +" + ambiguous.term() + " +ambiguous")));
    }

    @Test
    void anUnknownNameIsBadInputListingTheBuiltins() {
        CliTest.Run r = debias("lexicon", "show", "builtin:klingon");
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("no built-in lexicon 'builtin:klingon'"), r.err());
        assertTrue(r.err().contains(Lexicons.BUILTIN_TERMS.toString()) && r.err().contains(Lexicons.BUILTIN_PAIRS.toString()), r.err());
        assertEquals(ExitCodes.BAD_INPUT, debias("lexicon", "show", "gender", "--format", "xml").code());
        assertTrue(debias("lexicon", "show", "--help").out().contains("pass"), "help says the output can be passed back");
    }
}
