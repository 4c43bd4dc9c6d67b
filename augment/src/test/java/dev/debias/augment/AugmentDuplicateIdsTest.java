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

/** augment refuses an input whose id field repeats an id, which it would otherwise write twice. */
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
}
