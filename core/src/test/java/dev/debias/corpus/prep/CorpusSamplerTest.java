package dev.debias.corpus.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.ProgressListener;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.WriteOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sampling the 20-record corpus (ids 1..20; grp=a for 1..12, b for 13..20). Ranked by
 * {@code StableHash.of(1, "sample", id)} (computed outside Java with the documented hash):
 * grp=a: 4 10 8 6 9 12 5 3 7 11 2 1; grp=b: 20 13 15 14 19 16 18 17; all: 20 4 10 8 6 13 15 14 9 12 ...
 */
class CorpusSamplerTest {
    @TempDir
    Path dir;

    private SampleResult sample(Path in, Path out, SampleConfig c) throws IOException {
        return CorpusSampler.sample(in, ReadOptions.defaults(), out, WriteOptions.defaults(), c, ProgressListener.NONE);
    }

    @Test
    void stratifiedProportionalAllocationTakesTheSmallestHashesOfEachStratum() throws IOException {
        Path in = PrepFixtures.twenty(dir.resolve("c.jsonl"), 1, 20);
        SampleResult r = sample(in, dir.resolve("s.jsonl"), SampleConfig.ofSize(5, List.of("grp"), 1));
        // 5 x 12/20 = 3 for a, 5 x 8/20 = 2 for b: a gives 4 10 8, b gives 20 13; written in input order
        assertEquals(List.of("4", "8", "10", "13", "20"), PrepFixtures.ids(dir.resolve("s.jsonl")));
        assertEquals(5, r.sampled());
        assertEquals(List.of(3L), r.strata().get(0).counts());
        assertEquals(List.of(2L), r.strata().get(1).counts());
        assertEquals(List.of(), r.notes());
    }

    @Test
    void theLeftoverGoesToTheLargestRemainder() throws IOException {
        Path in = PrepFixtures.twenty(dir.resolve("c.jsonl"), 1, 20);
        sample(in, dir.resolve("s.jsonl"), SampleConfig.ofSize(3, List.of("grp"), 1));
        // exact 1.8 and 1.2 -> 1 and 1, the third to a (.8 > .2): a gives 4 10, b gives 20
        assertEquals(List.of("4", "10", "20"), PrepFixtures.ids(dir.resolve("s.jsonl")));
    }

    @Test
    void withoutStrataALargerSampleHoldsTheSmallerOne() throws IOException {
        Path in = PrepFixtures.twenty(dir.resolve("c.jsonl"), 1, 20);
        sample(in, dir.resolve("five.jsonl"), SampleConfig.ofSize(5, List.of(), 1));
        sample(in, dir.resolve("six.jsonl"), SampleConfig.ofSize(6, List.of(), 1));
        assertEquals(List.of("4", "6", "8", "10", "20"), PrepFixtures.ids(dir.resolve("five.jsonl")));
        assertEquals(List.of("4", "6", "8", "10", "13", "20"), PrepFixtures.ids(dir.resolve("six.jsonl")));
    }

    @Test
    void aSizeAboveTheCorpusIsCutAndSaidSo() throws IOException {
        Path in = PrepFixtures.twenty(dir.resolve("c.jsonl"), 1, 20);
        SampleResult r = sample(in, dir.resolve("s.jsonl"), SampleConfig.ofSize(30, List.of("grp"), 1));
        assertEquals(20, r.sampled());
        assertEquals(30, r.requested());
        assertEquals(List.of("asked for 30 records but the corpus holds 20: the sample is the whole corpus"), r.notes());
        assertEquals(20, PrepFixtures.ids(dir.resolve("s.jsonl")).size());
    }

    @Test
    void aFractionRoundsHalfUpAndSaysWhatItCameTo() throws IOException {
        Path in = PrepFixtures.twenty(dir.resolve("c.jsonl"), 1, 20);
        // 0.225 x 20 = 4.5, rounded half up to 5: the same sample as size 5
        SampleResult r = sample(in, dir.resolve("s.jsonl"), SampleConfig.ofFraction(new BigDecimal("0.225"), List.of("grp"), 1));
        assertEquals(5, r.sampled());
        assertEquals(List.of("4", "8", "10", "13", "20"), PrepFixtures.ids(dir.resolve("s.jsonl")));
        assertTrue(r.notes().get(0).contains("0.225 of 20 records is 5"), r.notes().toString());
    }

    @Test
    void sameSeedSameBytes() throws IOException {
        Path in = PrepFixtures.twenty(dir.resolve("c.jsonl"), 1, 20);
        sample(in, dir.resolve("a.jsonl"), SampleConfig.ofSize(7, List.of("grp"), 3));
        sample(in, dir.resolve("b.jsonl"), SampleConfig.ofSize(7, List.of("grp"), 3));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.jsonl")), Files.readAllBytes(dir.resolve("b.jsonl")));
    }

    @Test
    void refusesBothOrNeitherAmount() {
        assertThrows(IllegalArgumentException.class, () -> new SampleConfig(5, BigDecimal.ONE, List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> new SampleConfig(-1, null, List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> SampleConfig.ofFraction(new BigDecimal("1.5"), List.of(), 1));
    }
}
