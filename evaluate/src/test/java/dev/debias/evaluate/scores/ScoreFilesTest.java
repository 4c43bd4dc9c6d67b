package dev.debias.evaluate.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the probability field: strict parsing, errors naming file, line and field, and absent fields. */
class ScoreFilesTest {
    private static final List<String> BINARY = List.of("0", "1");

    @TempDir
    Path dir;

    private Path csv(String... rows) throws IOException {
        return Files.writeString(dir.resolve("p.csv"), "label,prediction,probabilities\n" + String.join("\n", rows) + "\n");
    }

    private ScoreFiles.Reading read(Path file, boolean explicit, List<String> model) {
        return ScoreFiles.read(file, "prediction", "probabilities", explicit, BINARY, model, null);
    }

    private void assertBad(String expectedPart, String... rows) throws IOException {
        Path f = csv(rows);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(f, false, null));
        // the file and line of the bad record (line 1 is the header) and the field
        assertTrue(e.getMessage().startsWith("p.csv:3") || e.getMessage().contains("p.csv:3:"), e.getMessage());
        assertTrue(e.getMessage().contains("field 'probabilities'"), e.getMessage());
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
    }

    @Test
    void pairsInAnyOrderAreReadIntoTheEvaluationsClassOrder() throws IOException {
        ScoreTable t = read(csv("1,1,0=0.200000;1=0.800000", "0,0,1=0.100000;0=0.900000"), false, null).table();
        assertEquals(2, t.size());
        assertEquals(ScoreTable.Format.PAIRS, t.format());
        assertEquals(0.8, t.probability(0, 1), 1e-12);
        assertEquals(0.9, t.probability(1, 0), 1e-12);
        assertNull(t.scoreLabel());
    }

    @Test
    void malformedValuesNameFileLineAndField() throws IOException {
        assertBad("malformed pair '1:0.5'", "1,1,0=0.5;1=0.5", "0,0,0=0.5;1:0.5");
        assertBad("unknown label '2'", "1,1,0=0.5;1=0.5", "0,0,0=0.5;2=0.5");
        assertBad("lies outside [0, 1]", "1,1,0=0.5;1=0.5", "0,0,0=1.5;1=-0.5");
        assertBad("sum to 0.900000", "1,1,0=0.5;1=0.5", "0,0,0=0.5;1=0.4");
        assertBad("is not a number", "1,1,0=0.5;1=0.5", "0,0,0=half;1=0.5");
        assertBad("no probability for label '1'", "1,1,0=0.5;1=0.5", "0,0,0=1.0");
        assertBad("given twice", "1,1,0=0.5;1=0.5", "0,0,0=0.5;0=0.5");
        assertBad("a single number", "1,1,0=0.5;1=0.5", "0,0,0.5");
    }

    @Test
    void aLabelOutsideTheModelsLabelsIsUnknown() throws IOException {
        Path f = csv("1,1,0=0.5;x=0.5");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(f, false, BINARY));
        assertTrue(e.getMessage().contains("p.csv:2") && e.getMessage().contains("unknown label 'x'"), e.getMessage());
    }

    @Test
    void aRecordWithoutTheFieldAfterOthersWithItIsAnError() throws IOException {
        Path f = Files.writeString(dir.resolve("p.jsonl"), "{\"label\":\"1\",\"prediction\":\"1\",\"probabilities\":"
                + "\"0=0.1;1=0.9\"}\n{\"label\":\"0\",\"prediction\":\"0\"}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(f, false, null));
        assertTrue(e.getMessage().startsWith("p.jsonl:2: no field 'probabilities'"), e.getMessage());
    }

    @Test
    void anAbsentDefaultFieldSkipsTheMeasuresAndAnAbsentNamedFieldIsAnError() throws IOException {
        Path f = Files.writeString(dir.resolve("q.csv"), "label,prediction\n1,1\n");
        ScoreFiles.Reading r = read(f, false, null);
        assertNull(r.table());
        assertTrue(r.skipped().contains("q.csv has no field 'probabilities'") && r.skipped().contains(
                Setting.PROBABILITY_FIELD.mention()), r.skipped());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(f, true, null));
        assertTrue(e.getMessage().startsWith("q.csv:2: no field 'probabilities' (named by " + Setting.PROBABILITY_FIELD),
                e.getMessage());
    }

    @Test
    void aSingleScoreIsTheProbabilityOfThePositiveOrTheSecondLabel() throws IOException {
        Path f = csv("1,1,0.75", "0,0,0.125");
        ScoreTable second = read(f, false, null).table();
        assertEquals(ScoreTable.Format.SCORE, second.format());
        assertEquals("1", second.scoreLabel());
        assertEquals(0.75, second.probability(0, 1), 1e-12);
        assertEquals(0.25, second.probability(0, 0), 1e-12);
        ScoreTable named = ScoreFiles.read(f, "prediction", "probabilities", true, BINARY, null, "0").table();
        assertEquals("0", named.scoreLabel());
        assertEquals(0.75, named.probability(0, 0), 1e-12);
        assertEquals(0.875, named.probability(1, 1), 1e-12);
    }

    @Test
    void aSingleScoreIsRefusedForMoreThanTwoLabels() throws IOException {
        Path f = Files.writeString(dir.resolve("m.csv"), "label,prediction,probabilities\na,a,0.5\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScoreFiles.read(f, "prediction",
                "probabilities", false, List.of("a", "b", "c"), null, null));
        assertTrue(e.getMessage().startsWith("m.csv:2: field 'probabilities': '0.5' is a single number"), e.getMessage());
    }
}
