package dev.debias.augment;

import static dev.debias.augment.AugmenterTest.Support.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.augment.AugmenterTest.Support;
import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.corpus.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reweighing never silently overwrites a field the records hold (issue 21, item 8). */
class ReweighFieldTest {
    @TempDir
    Path dir;

    private Path corpus() throws IOException {
        return Support.write(dir.resolve("in.jsonl"), List.of(
                rec("1", "She is a nurse.", "a", "female"),
                rec("2", "He is a nurse.", "a", "male").withAttribute("score", "0.3"),
                rec("3", "He is a pilot.", "b", "male").withAttribute("score", "0.9"),
                rec("4", "She is a pilot.", "b", "female")));
    }

    private AugmentSummary reweigh(String field, boolean overwrite, Path out) throws IOException {
        return Support.run(Augmenter.builder().setMode(AugmentMode.REWEIGH).optThreads(2).optWeightField(field)
                .optOverwriteWeightField(overwrite), dir, corpus(), Support.READ, out);
    }

    @Test
    void aWeightFieldTheRecordsHoldIsRefusedNamingTheFieldAndTheFirstRecord() throws IOException {
        Path out = dir.resolve("out.jsonl");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> reweigh("score", false, out));
        assertEquals("record 2 (record 2 of the input) already has a field 'score', which reweighing would overwrite; "
                + "choose another " + Setting.WEIGHT_FIELD + ", or allow overwriting an existing weight field",
                e.getMessage());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(Augmenter.summaryPath(out)));
    }

    @Test
    void overwritingWhenAskedReplacesTheValueInPlace() throws IOException {
        Path out = dir.resolve("out.jsonl");
        reweigh("score", true, out);
        List<Record> written = Support.readOut(out);
        assertEquals(4, written.size());
        for (Record r : written) {
            assertEquals(1.0, Double.parseDouble(r.attributes().get("score")), 1e-12, r.toString());
        }
        // an existing field keeps its place among the record's fields
        assertEquals(List.of("gender", "score"), written.get(1).attributes().keySet().stream().limit(2).toList());
    }

    @Test
    void theTextLabelIdAndGroupFieldsAreRefusedEvenWhenOverwritingIsAllowed() {
        for (String field : List.of("gender", "text", "label", "id", Transforms.TRANSFORM)) {
            Path out = dir.resolve(field + ".jsonl");
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> reweigh(field, true, out), field);
            assertTrue(e.getMessage().startsWith("the weight field '" + field + "' is "), e.getMessage());
            assertTrue(e.getMessage().endsWith("which reweighing must not overwrite; choose another "
                    + Setting.WEIGHT_FIELD), e.getMessage());
            assertFalse(Files.exists(out), field);
        }
    }
}
