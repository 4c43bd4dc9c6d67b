package dev.debias.lexicon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LexiconsTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static String termsError(Path p) {
        return assertThrows(LexiconFormatException.class, () -> Lexicons.terms(p.toString())).getMessage();
    }

    private static String pairsError(Path p) {
        return assertThrows(LexiconFormatException.class, () -> Lexicons.pairs(p.toString())).getMessage();
    }

    // ------------------------------------------------------------------ parsing

    @Test
    void parsesTermsIgnoringCommentsAndBlankLines() throws IOException {
        Path p = file("t.tsv", """
                # a comment
                gender\tFemale\tActress

                   # an indented comment
                gender\tmale\tMr.\tambiguous
                race\tblack\tAfrican-American
                gender\tmale\tguy\t ambiguous , remove\s
                gender\tfemale\tshe
                """);
        TermLexicon lex = Lexicons.terms(p.toString());
        assertEquals(4, lex.size());
        assertEquals(List.of("gender", "race"), lex.axes());
        assertEquals(List.of("female", "male"), lex.groups("gender"));
        assertEquals(List.of(), lex.groups("religion"));

        LexiconTerm actress = lex.lookup("gender", "actress").orElseThrow();
        assertEquals(new LexiconTerm("gender", "female", "Actress", List.of("actress"), false, p + ":2"), actress);
        LexiconTerm mr = lex.lookup("gender", "mr").orElseThrow();
        assertEquals("Mr.", mr.term());
        assertTrue(mr.ambiguous());
        assertEquals(p + ":5", mr.origin());

        LexiconTerm aa = lex.lookup("race", "african american").orElseThrow();
        assertEquals(List.of("african", "american"), aa.tokens());
        assertTrue(aa.isPhrase());
        assertFalse(actress.isPhrase());
        assertEquals(p + ":6", aa.origin());

        // 'remove' drops the term (nothing earlier to drop it from), so it is not kept either
        assertTrue(lex.lookup("gender", "guy").isEmpty());
        assertTrue(lex.lookup("gender", "Actress").isEmpty(), "keys are lower-case");
        assertTrue(lex.lookup("race", "actress").isEmpty(), "lookup is per axis");

        assertEquals(List.of("actress", "she"), keys(lex.terms("gender", "female", false)));
        assertEquals(List.of(), keys(lex.terms("gender", "male", false)));
        assertEquals(List.of("mr"), keys(lex.terms("gender", "male", true)));
        assertEquals(List.of("actress", "mr", "she"), keys(lex.axis("gender").terms()));
        assertEquals(0, lex.axis("age").size());
    }

    private static List<String> keys(List<LexiconTerm> terms) {
        return terms.stream().map(LexiconTerm::key).toList();
    }

    @Test
    void acceptsCrlfLineEndingsAndAByteOrderMark() throws IOException {
        Path p = file("crlf.tsv", "\uFEFF# comment\r\ngender\tfemale\tshe\tambiguous\r\n\r\ngender\tmale\the\r\n");
        TermLexicon lex = Lexicons.terms(p.toString());
        assertEquals(List.of("gender"), lex.axes());
        assertTrue(lex.lookup("gender", "she").orElseThrow().ambiguous());
        assertEquals(p + ":2", lex.lookup("gender", "she").orElseThrow().origin());
        assertEquals(p + ":4", lex.lookup("gender", "he").orElseThrow().origin());
    }

    @Test
    void readsFromStreams() {
        TermLexicon lex = Lexicons.readTerms("mem", stream("age\tyoung\tteen-ager\n"));
        assertEquals("teen ager", lex.terms().get(0).key());
        assertEquals("mem:1", lex.terms().get(0).origin());
        PairLexicon pairs = Lexicons.readPairs("mem", stream("# c\ngender\tHer\tHIS\tPRP$\n"));
        assertEquals(List.of(new CounterfactualPair("gender", "her", "his", "PRP$", "mem:2")), pairs.pairs());
        LexiconFormatException e = assertThrows(LexiconFormatException.class,
                () -> Lexicons.readTerms("mem", stream("age young old\n")));
        assertTrue(e.getMessage().startsWith("mem:1: "), e.getMessage());
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesPairsWithMultiWordTermsAndPosTags() throws IOException {
        Path p = file("p.tsv", """
                # pairs
                gender\tCongress-Woman\tcongress man
                gender\ther\this\tPRP$
                gender\tsir\tmadam\tNN
                """);
        PairLexicon pairs = Lexicons.pairs(p.toString());
        assertEquals(List.of(
                new CounterfactualPair("gender", "congress woman", "congress man", null, p + ":2"),
                new CounterfactualPair("gender", "her", "his", "PRP$", p + ":3"),
                new CounterfactualPair("gender", "sir", "madam", "NN", p + ":4")), pairs.pairs());
        assertEquals(3, pairs.pairs("gender").size());
        assertEquals(List.of(), pairs.pairs("race"));
        assertTrue(pairs.pairs().get(0).unconditional());
        assertFalse(pairs.pairs().get(1).unconditional());
    }

    @Test
    void lookupListsConditionalPairsFirstThenTheUnconditionalOne() throws IOException {
        Path p = file("p.tsv", """
                gender\ther\this
                gender\ther\thim\tPRP
                gender\tshe\the
                gender\ther\thers\tPRP$
                race\ther\tx
                """);
        PairLexicon pairs = Lexicons.pairs(p.toString());
        List<CounterfactualPair> her = pairs.lookup("gender", "her");
        assertEquals(List.of("him", "hers", "his"), her.stream().map(CounterfactualPair::counterpart).toList());
        assertEquals("PRP", her.get(0).posTag());
        assertEquals("PRP$", her.get(1).posTag());
        assertTrue(her.get(2).unconditional());
        assertEquals(List.of(), pairs.lookup("gender", "hers"));
        assertEquals(List.of(), pairs.lookup("gender", "Her"), "lookup takes lower-case terms");
        assertEquals("x", pairs.lookup("race", "her").get(0).counterpart());
    }

    // ------------------------------------------------------------------ errors

    @Test
    void wrongFieldCountNamesTheLineAndHintsAtTabs() throws IOException {
        Path p = file("t.tsv", "# header\n\ngender female actress\n");
        assertEquals(p + ":3: expected axis<TAB>group<TAB>term[<TAB>flags], found 1 field(s) (are the columns separated by tabs?)",
                termsError(p));
        Path two = file("two.tsv", "gender\tfemale\tshe\ngender\tfemale\n");
        assertEquals(two + ":2: expected axis<TAB>group<TAB>term[<TAB>flags], found 2 field(s)", termsError(two));
        Path five = file("five.tsv", "gender\tfemale\tshe\tambiguous\textra\n");
        assertEquals(five + ":1: expected axis<TAB>group<TAB>term[<TAB>flags], found 5 field(s)", termsError(five));
        Path pairs = file("p.tsv", "gender\tshe\the\n\ngender she he\n");
        assertEquals(pairs + ":3: expected axis<TAB>term<TAB>counterpart[<TAB>POS], found 1 field(s) (are the columns separated by tabs?)",
                pairsError(pairs));
    }

    @Test
    void unknownFlagIsAnError() throws IOException {
        Path p = file("t.tsv", "gender\tfemale\tshe\ngender\tfemale\tmiss\tambigous\n");
        assertEquals(p + ":2: unknown flag 'ambigous'; flags are 'ambiguous', 'modifier' and 'remove'", termsError(p));
    }

    @Test
    void aTrailingTabIsNamedAsSuch() throws IOException {
        Path p = file("t.tsv", "gender\tfemale\tshe\t\n");
        assertEquals(p + ":1: the flags column is empty (a trailing tab?); remove it or write 'ambiguous', 'modifier' or 'remove'",
                termsError(p));
    }

    @Test
    void badPosTagIsAnError() throws IOException {
        Path p = file("p.tsv", "gender\ther\this\tPRP$\ngender\this\ther\tprp$\n");
        assertEquals(p + ":2: 'prp$' is not a Penn Treebank tag such as PRP or PRP$", pairsError(p));
        Path q = file("q.tsv", "gender\ther\this\tPOSSESSIVE\n");
        assertEquals(q + ":1: 'POSSESSIVE' is not a Penn Treebank tag such as PRP or PRP$", pairsError(q));
    }

    @Test
    void duplicateTermInOneFileNamesBothLines() throws IOException {
        Path p = file("t.tsv", "gender\tfemale\tactress\n# c\ngender\tmale\tActress\n");
        assertEquals(p + ":3: the term 'actress' of axis 'gender' is already defined at " + p + ":1", termsError(p));
        // the same key on another axis is fine
        Path ok = file("ok.tsv", "gender\tfemale\tactress\noccupation\tactor\tactress\n");
        assertEquals(2, Lexicons.terms(ok.toString()).size());
        Path phrase = file("ph.tsv", "race\tblack\tAfrican American\nrace\tblack\tafrican-american\n");
        assertEquals(phrase + ":2: the term 'african american' of axis 'race' is already defined at " + phrase + ":1",
                termsError(phrase));
        Path pairs = file("p.tsv", "gender\ther\this\tPRP$\ngender\ther\thim\ngender\tHer\thers\tPRP$\n");
        assertEquals(pairs + ":3: 'her' as PRP$ already has a counterpart at " + pairs + ":1", pairsError(pairs));
        Path pairs2 = file("p2.tsv", "gender\tshe\the\ngender\tshe\thim\n");
        assertEquals(pairs2 + ":2: 'she' already has a counterpart at " + pairs2 + ":1", pairsError(pairs2));
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path p = file("empty.tsv", "");
        assertEquals(p + ": the lexicon file is empty", termsError(p));
        assertEquals(p + ": the lexicon file is empty", pairsError(p));
    }

    @Test
    void aFileOfCommentsOnlyNamesItselfAndSaysItHoldsNoTerms() throws IOException {
        Path p = file("comments.tsv", "# gender terms\n\n   # nothing yet\n");
        assertEquals(p + ": the lexicon file holds no terms, only comments and blank lines; add tab-separated rows "
                + "(axis<TAB>group<TAB>term[<TAB>flags])", termsError(p));
        assertEquals(p + ": the lexicon file holds no terms, only comments and blank lines; add tab-separated rows "
                + "(axis<TAB>term<TAB>counterpart[<TAB>POS])", pairsError(p));
    }

    // ------------------------------------------------------------------ pairs against their term list

    private static final String TERMS = "gender\tfemale\tshe\ngender\tmale\the\ngender\tfemale\ther\n"
            + "gender\tmale\thim\ngender\tmale\this\ngender\tfemale\thers\n";

    private String consistencyError(String pairs) throws IOException {
        TermLexicon terms = Lexicons.terms(file("terms.tsv", TERMS).toString());
        PairLexicon p = Lexicons.pairs(file("pairs.tsv", pairs).toString());
        return assertThrows(LexiconFormatException.class, () -> p.requireConsistentWith(terms, "gender")).getMessage();
    }

    @Test
    void aTermMappedToItselfNamesItsFileAndLine() throws IOException {
        String e = consistencyError("gender\the\tshe\n# she\ngender\tshe\tshe\n");
        assertEquals(dir.resolve("pairs.tsv") + ":3: 'she' is mapped to itself, so its copy would not change; map it "
                + "to a term of another group or remove the line", e);
    }

    @Test
    void aCounterpartOutsideTheTermListNamesItsFileAndLine() throws IOException {
        String e = consistencyError("gender\the\tshe\ngender\tshe\tzebra\n");
        assertEquals(dir.resolve("pairs.tsv") + ":2: the counterpart 'zebra' of 'she' is not a term of axis 'gender' "
                + "in the term list, so a copy holding it would hold no group; add it to the term list or fix the pair", e);
    }

    @Test
    void aCycleThroughThreeOrMoreTermsNamesItsFileAndLine() throws IOException {
        Path pairs = dir.resolve("pairs.tsv");
        String e = consistencyError("gender\tshe\the\ngender\the\ther\ngender\ther\thim\ngender\thim\tshe\n");
        assertTrue(e.startsWith(pairs + ":1: 'she' -> 'he' and 'he' -> 'her' (" + pairs + ":2) lead back to 'she'"
                + " through other terms: the pairs form a cycle"), e);
    }

    @Test
    void consistentPairsPassIncludingPartOfSpeechAlternatives() throws IOException {
        TermLexicon terms = Lexicons.terms(file("terms.tsv", TERMS).toString());
        PairLexicon p = Lexicons.pairs(file("pairs.tsv", "gender\tshe\the\ngender\the\tshe\n"
                + "gender\ther\this\tPRP$\ngender\ther\thim\tPRP\ngender\this\ther\tPRP$\n"
                + "gender\this\thers\tPRP\ngender\thers\this\ngender\thim\ther\n").toString());
        p.requireConsistentWith(terms, "gender");
        p.requireConsistentWith(terms, "race");
        Lexicons.pairs("builtin:gender").requireConsistentWith(Lexicons.terms("builtin:gender"), "gender");
    }

    @Test
    void invalidUtf8NamesItsLine() throws IOException {
        Path p = dir.resolve("latin1.tsv");
        Files.write(p, "# comment\ngender\tmale\the\ngender\tmale\tJos\u00e9\ngender\tfemale\tshe\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(p + ":3: invalid UTF-8; save the lexicon as UTF-8", termsError(p));
        assertEquals(p + ":3: invalid UTF-8; save the lexicon as UTF-8", pairsError(p));
        Path first = dir.resolve("first.tsv");
        Files.write(first, new byte[] {'g', (byte) 0xC3, '\t', 'f', '\t', 'x', '\n'});
        assertEquals(first + ":1: invalid UTF-8; save the lexicon as UTF-8", termsError(first));
    }

    @Test
    void termsWithoutLettersAndEmptyNamesAreErrors() throws IOException {
        Path p = file("t.tsv", "gender\tfemale\tshe\ngender\tfemale\t--\n");
        assertEquals(p + ":2: the term '--' has no letters or digits", termsError(p));
        Path q = file("q.tsv", "gender\t \tshe\n");
        assertEquals(q + ":1: the group is empty", termsError(q));
        Path r = file("r.tsv", "\tshe\the\n");
        assertEquals(r + ":1: the axis is empty", pairsError(r));
    }

    @Test
    void unknownBuiltinListsTheBuiltins() {
        LexiconFormatException e = assertThrows(LexiconFormatException.class, () -> Lexicons.terms("builtin:genders"));
        assertEquals("unknown built-in term list 'builtin:genders'; built-ins are [builtin:gender, builtin:names, "
                + "builtin:race, builtin:religion, builtin:age, builtin:nationality, builtin:orientation, "
                + "builtin:disability, builtin:race-names, builtin:surnames, builtin:occupations, builtin:sentiment, "
                + "builtin:people, builtin:protected, builtin:slurs]", e.getMessage());
        e = assertThrows(LexiconFormatException.class, () -> Lexicons.pairs("builtin:ethnicity"));
        assertEquals("unknown built-in pair list 'builtin:ethnicity'; built-ins are [builtin:gender-pairs, "
                + "builtin:race-pairs, builtin:religion-pairs, builtin:age-pairs, builtin:nationality-pairs, "
                + "builtin:orientation-pairs, builtin:disability-pairs]", e.getMessage());
        assertThrows(LexiconFormatException.class, () -> Lexicons.terms("builtin:gender-pairs"));
    }

    @Test
    void missingFileAndEmptySpecificationAreErrors() {
        Path missing = dir.resolve("nope.tsv");
        LexiconFormatException e = assertThrows(LexiconFormatException.class,
                () -> Lexicons.terms("builtin:gender," + missing));
        assertEquals(missing + ": no such lexicon file (or use builtin:NAME; built-ins are "
                + "[gender, names, race, religion, age, nationality, orientation, disability, race-names, surnames, "
                + "occupations, sentiment, people, protected, slurs] and [gender-pairs, race-pairs, religion-pairs, age-pairs, "
                + "nationality-pairs, orientation-pairs, disability-pairs])", e.getMessage());
        assertInstanceOf(InvalidInputException.class, e);
        assertThrows(LexiconFormatException.class, () -> Lexicons.pairs(dir.toString()), "a directory is not a file");
        for (String spec : new String[] {null, "", "  ", ",", " , ,"}) {
            e = assertThrows(LexiconFormatException.class, () -> Lexicons.terms(spec));
            assertTrue(e.getMessage().startsWith("empty lexicon specification"), e.getMessage());
            assertThrows(LexiconFormatException.class, () -> Lexicons.pairs(spec));
        }
    }

    // ------------------------------------------------------------------ merging

    @Test
    void userFileExtendsMovesAndRemovesBuiltinTerms() throws IOException {
        TermLexicon builtin = Lexicons.terms("builtin:gender");
        LexiconTerm host = builtin.lookup("gender", "host").orElseThrow();
        assertEquals("male", host.group());
        assertTrue(host.ambiguous());
        assertTrue(builtin.lookup("gender", "his").isPresent());

        Path user = file("user.tsv", """
                gender\tfemale\tMatriarch-to-be
                gender\tneutral\tHost
                gender\tmale\this\tremove
                race\tasian\tkorean
                """);
        TermLexicon merged = Lexicons.terms("builtin:gender, " + user);
        assertEquals(builtin.size() + 2 - 1, merged.size());
        assertEquals(user + ":1", merged.lookup("gender", "matriarch to be").orElseThrow().origin());
        LexiconTerm moved = merged.lookup("gender", "host").orElseThrow();
        assertEquals("neutral", moved.group());
        assertFalse(moved.ambiguous(), "the later definition's flags win");
        assertEquals(user + ":2", moved.origin());
        assertEquals(List.of("female", "male", "neutral"), merged.groups("gender"));
        assertEquals(List.of("host"), keys(merged.terms("gender", "neutral", false)));
        assertFalse(keys(merged.terms("gender", "male", true)).contains("host"));
        assertTrue(merged.lookup("gender", "his").isEmpty());
        assertTrue(merged.lookup("gender", "him").isPresent());
        assertEquals(List.of("gender", "race"), merged.axes());
        // a moved term keeps its place in the order
        int before = keys(builtin.terms()).indexOf("host");
        assertEquals(before - 1, keys(merged.terms()).indexOf("host"), "'his' came before 'host' and is gone");

        // later wins: the built-in listed after the user file restores its own definitions
        TermLexicon reversed = Lexicons.terms(user + ",builtin:gender");
        assertEquals("male", reversed.lookup("gender", "host").orElseThrow().group());
        assertTrue(reversed.lookup("gender", "host").orElseThrow().ambiguous());
        assertTrue(reversed.lookup("gender", "his").isPresent(), "remove only affects earlier sources");
        assertEquals(builtin.size() + 2, reversed.size());

        // the built-in itself is not changed by merging
        assertEquals("male", Lexicons.terms("builtin:gender").lookup("gender", "host").orElseThrow().group());
    }

    @Test
    void removeFlagOfALaterFileDropsTermsOfAnEarlierFile() throws IOException {
        Path a = file("a.tsv", "age\tyoung\tteen\nage\told\tretiree\n");
        Path b = file("b.tsv", "age\tyoung\tTeen\tremove\nage\told\telderly\n");
        TermLexicon lex = Lexicons.terms(a + "," + b);
        assertEquals(List.of("retiree", "elderly"), keys(lex.terms()));
        Path c = file("c.tsv", "age\tyoung\tteen\tambiguous,remove\n");
        assertEquals(List.of("retiree"), keys(Lexicons.terms(a + "," + c).terms()));
        assertEquals(2, Lexicons.terms(a + ",," + a).size(), "a file merged with itself");
    }

    @Test
    void userPairsExtendAndOverrideBuiltinPairs() throws IOException {
        PairLexicon builtin = Lexicons.pairs("builtin:gender-pairs");
        Path user = file("p.tsv", "gender\tshe\tthey\ngender\tzie\tzir\ngender\ther\ttheir\tPRP$\n");
        PairLexicon merged = Lexicons.pairs("builtin:gender-pairs," + user);
        assertEquals(builtin.size() + 1, merged.size());
        assertEquals(List.of("they"), merged.lookup("gender", "she").stream().map(CounterfactualPair::counterpart).toList());
        assertEquals(user + ":1", merged.lookup("gender", "she").get(0).origin());
        List<CounterfactualPair> her = merged.lookup("gender", "her");
        assertEquals(2, her.size());
        for (CounterfactualPair p : her) {
            assertEquals(p.posTag().equals("PRP$") ? "their" : "him", p.counterpart());
        }
        assertEquals("zir", merged.lookup("gender", "zie").get(0).counterpart());
        assertEquals("she", builtin.pairs().get(0).term());
        assertEquals("they", merged.pairs().get(0).counterpart(), "an override keeps its place");
    }
}
