package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.augment.AugmenterTest.Support;
import dev.debias.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * augment refuses an input whose id field repeats an id, which it would otherwise write twice, and an input
 * whose ids would repeat in the output once copies are named.
 */
class AugmentDuplicateIdsTest {
    @TempDir
    Path dir;

    @Test
    void aRepeatedInputIdStopsTheRunNamingTheIdAndBothLinesAndWritesNoOutput() throws Exception {
        Path in = Support.write(dir.resolve("dup.jsonl"), List.of(
                Support.rec("r1", "She is a nurse.", "nurse", "female"),
                Support.rec("r2", "He is a surgeon.", "surgeon", "male"),
                Support.rec("r1", "The clinic opened.", "nurse", "female")));
        Path out = dir.resolve("out.jsonl");
        var e = assertThrows(InvalidInputException.class, () -> Support.run(
                Augmenter.builder().setMode(AugmentMode.TWO_SIDED).optThreads(1), dir, in, Support.READ, out));
        assertTrue(e.getMessage().startsWith(in + ":3: the id 'r1' is also the id of the record on line 1;"),
                e.getMessage());
        assertFalse(Files.exists(out), "no output is published");
    }

    @Test
    void aCopyWhoseIdIsAnotherInputIdStopsTheRunNamingTheIdAndBothOutputLines() throws Exception {
        // input ids are unique, but the copy of 'a' is named 'a-cf', which the third record already is.
        // Two-sided output, in order: a (line 1), a-cf the copy (2), b (3), b-cf (4), a-cf the input record (5)
        Path in = Support.write(dir.resolve("clash.jsonl"), List.of(
                Support.rec("a", "She is a nurse.", "nurse", "female"),
                Support.rec("b", "He is a surgeon.", "surgeon", "male"),
                Support.rec("a-cf", "She is a teacher.", "teacher", "female")));
        Path out = dir.resolve("out.jsonl");
        var e = assertThrows(InvalidInputException.class, () -> Support.run(
                Augmenter.builder().setMode(AugmentMode.TWO_SIDED).optThreads(2), dir, in, Support.READ, out));
        assertTrue(e.getMessage().startsWith(in + ": the output would hold an id twice (output record on line 5: the "
                + "id 'a-cf' is also the id of the record on line 2): a counterfactual copy is named after its source's "
                + "id"), e.getMessage());
        assertFalse(Files.exists(out), "no output is published");
    }

    @Test
    void idsThatOnlyLookLikeCopiesAreFine() throws Exception {
        // 'x-cf' is an input id, but no record is named 'x', so no copy clashes with it
        Path in = Support.write(dir.resolve("fine.jsonl"), List.of(
                Support.rec("x-cf", "She is a nurse.", "nurse", "female"),
                Support.rec("y", "He is a surgeon.", "surgeon", "male")));
        Path out = dir.resolve("out.jsonl");
        Support.run(Augmenter.builder().setMode(AugmentMode.TWO_SIDED).optThreads(1), dir, in, Support.READ, out);
        assertTrue(Files.readString(out).contains("\"x-cf-cf\""), "the copy of x-cf is x-cf-cf");
    }
}
