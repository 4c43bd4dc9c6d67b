package dev.debias.corpus.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.WriteOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split rules on a 20-record corpus whose ids are the line numbers 1..20. The unit values
 * {@code u = StableHash.unit(StableHash.of(1, "split", id))} below were computed outside Java with an
 * independent implementation of the documented hash (FNV-1a over UTF-16 units, golden-ratio seed, Murmur3
 * finaliser): 1 .8554, 2 .2233, 3 .8319, 4 .8255, 5 .3833, 6 .9974, 7 .2867, 8 .2689, 9 .0728, 10 .0952,
 * 11 .6610, 12 .4346, 13 .9460, 14 .2553, 15 .1189, 16 .1187, 17 .6800, 18 .2155, 19 .4108, 20 .2648.
 */
class CorpusSplitterTest {
    @TempDir
    Path dir;

    private SplitResult split(Path in, Path out, List<String> strata, long seed) throws IOException {
        return CorpusSplitter.split(in, ReadOptions.defaults(), out, ".jsonl", WriteOptions.defaults(),
                new SplitConfig(List.of("train", "dev", "test"),
                        List.of(new BigDecimal("0.8"), new BigDecimal("0.1"), new BigDecimal("0.1")), strata, seed),
                ProgressListener.NONE);
    }

    @Test
    void theHashIsTheDocumentedOne() {
        assertEquals(0.8554, StableHash.unit(StableHash.of(1, "split", "1")), 1e-4);
        assertEquals(0.0728, StableHash.unit(StableHash.of(1, "split", "9")), 1e-4);
    }

    @Test
    void pureHashRuleSendsEachRecordByItsOwnHash() throws IOException {
        Path in = PrepFixtures.twenty(dir.resolve("c.jsonl"), 1, 20);
        SplitResult r = split(in, dir.resolve("out"), List.of(), 1);
        // u < 0.8 -> train; 0.8 <= u < 0.9 -> dev (ids 1, 3, 4); u >= 0.9 -> test (ids 6, 13)
        assertEquals(List.of(15L, 3L, 2L), r.counts());
        assertEquals(List.of("1", "3", "4"), PrepFixtures.ids(dir.resolve("out/dev.jsonl")));
        assertEquals(List.of("6", "13"), PrepFixtures.ids(dir.resolve("out/test.jsonl")));
        assertEquals(List.of("2", "5", "7", "8", "9", "10", "11", "12", "14", "15", "16", "17", "18", "19", "20"),
                PrepFixtures.ids(dir.resolve("out/train.jsonl")));
        assertFalse(r.stratified());
        assertEquals(1, r.strata().size());
    }

    @Test
    void pureHashRuleKeepsEverySplitWhenRecordsAreAppended() throws IOException {
        Path small = PrepFixtures.twenty(dir.resolve("small.jsonl"), 1, 20);
        Path big = dir.resolve("big.jsonl");
        Files.writeString(big, Files.readString(small) + Files.readString(PrepFixtures.twenty(dir.resolve("more.jsonl"), 21, 24)));
        split(small, dir.resolve("a"), List.of(), 1);
        split(big, dir.resolve("b"), List.of(), 1);
        // records 21..24 have u .. (21, 22, 23 train; 24 dev): the old records stay where they were
        for (String s : List.of("train", "dev", "test")) {
            List<String> before = PrepFixtures.ids(dir.resolve("a/" + s + ".jsonl"));
            List<String> after = PrepFixtures.ids(dir.resolve("b/" + s + ".jsonl"));
            assertEquals(before, after.stream().filter(id -> Integer.parseInt(id) <= 20).toList(), s);
        }
        assertEquals(List.of("1", "3", "4", "24"), PrepFixtures.ids(dir.resolve("b/dev.jsonl")));
    }

    @Test
    void stratifiedRuleFillsEachStratumsQuotasInHashOrder() throws IOException {
        Path in = PrepFixtures.twenty(dir.resolve("c.jsonl"), 1, 20);
        SplitResult r = split(in, dir.resolve("out"), List.of("grp"), 1);
        // grp=a: ids 1..12 ranked by hash: 9 10 2 8 7 5 12 11 4 3 | 1 | 6; quotas of 12 are 10, 1, 1
        // grp=b: ids 13..20 ranked: 16 15 18 14 20 19 | 17 | 13; quotas of 8 are 6, 1, 1
        assertTrue(r.stratified());
        assertEquals(List.of(16L, 2L, 2L), r.counts());
        assertEquals("grp=a", r.strata().get(0).description());
        assertEquals(List.of(10L, 1L, 1L), r.strata().get(0).counts());
        assertEquals(List.of(6L, 1L, 1L), r.strata().get(1).counts());
        assertEquals(List.of("1", "17"), PrepFixtures.ids(dir.resolve("out/dev.jsonl")));
        assertEquals(List.of("6", "13"), PrepFixtures.ids(dir.resolve("out/test.jsonl")));
    }

    @Test
    void stratifiedRuleKeepsTheSplitsOfAStratumThatGainsNoRecord() throws IOException {
        Path small = PrepFixtures.twenty(dir.resolve("small.jsonl"), 1, 20);
        Path big = dir.resolve("big.jsonl");
        Files.writeString(big, Files.readString(small) + Files.readString(PrepFixtures.twenty(dir.resolve("more.jsonl"), 21, 24)));
        split(small, dir.resolve("a"), List.of("grp"), 1);
        split(big, dir.resolve("b"), List.of("grp"), 1);
        // records 21..24 are all grp=b, so grp=a (ids 1..12) keeps every assignment
        for (String s : List.of("train", "dev", "test")) {
            List<String> before = PrepFixtures.ids(dir.resolve("a/" + s + ".jsonl"));
            List<String> after = PrepFixtures.ids(dir.resolve("b/" + s + ".jsonl"));
            assertEquals(before.stream().filter(id -> Integer.parseInt(id) <= 12).toList(),
                    after.stream().filter(id -> Integer.parseInt(id) <= 12).toList(), s);
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFilesAndAnotherSeedAnotherSplit() throws IOException {
        Path in = PrepFixtures.twenty(dir.resolve("c.jsonl"), 1, 20);
        split(in, dir.resolve("x"), List.of("grp"), 7);
        split(in, dir.resolve("y"), List.of("grp"), 7);
        split(in, dir.resolve("z"), List.of("grp"), 8);
        for (String s : List.of("train.jsonl", "dev.jsonl", "test.jsonl")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("x").resolve(s)), Files.readAllBytes(dir.resolve("y").resolve(s)));
        }
        assertFalse(PrepFixtures.ids(dir.resolve("x/dev.jsonl")).equals(PrepFixtures.ids(dir.resolve("z/dev.jsonl")))
                && PrepFixtures.ids(dir.resolve("x/test.jsonl")).equals(PrepFixtures.ids(dir.resolve("z/test.jsonl"))));
    }

    @Test
    void aMissingStratifyFieldNamesTheLineAndPublishesNothing() throws IOException {
        Path in = PrepFixtures.twenty(dir.resolve("c.jsonl"), 1, 20);
        Files.writeString(in, Files.readString(in) + "{\"text\":\"no group\"}\n");
        Path out = dir.resolve("out");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> split(in, out, List.of("grp"), 1));
        assertTrue(e.getMessage().contains("c.jsonl:21: no field 'grp'"), e.getMessage());
        assertEquals(List.of(), left(out), "no split file and no staging folder is left");
    }

    @Test
    void aFailureWhileWritingPublishesNoSplit() throws IOException {
        // the pure hash rule streams: record 21 fails after train/dev/test have records, yet none is published
        Path in = PrepFixtures.twenty(dir.resolve("c.jsonl"), 1, 20);
        Files.writeString(in, Files.readString(in) + "not json\n");
        Path out = dir.resolve("out");
        assertThrows(InvalidInputException.class, () -> split(in, out, List.of(), 1));
        assertEquals(List.of(), left(out));
    }

    private static List<Path> left(Path out) throws IOException {
        if (!Files.exists(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.toList();
        }
    }

    @Test
    void refusesBadConfigs() {
        List<BigDecimal> two = List.of(BigDecimal.ONE, BigDecimal.ONE);
        assertThrows(IllegalArgumentException.class, () -> new SplitConfig(List.of("a"), two, List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> new SplitConfig(List.of("a", "a"), two, List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> new SplitConfig(List.of("a", "../b"), two, List.of(), 1));
        assertThrows(IllegalArgumentException.class,
                () -> new SplitConfig(List.of("a", "b"), List.of(BigDecimal.ONE, BigDecimal.ZERO), List.of(), 1));
    }

    @Test
    void outputKeepsTheInputsFormatAndCompression() {
        assertEquals(".csv", OutputNames.suffix(Path.of("eec.csv"), dev.debias.corpus.CorpusFormat.CSV, null));
        assertEquals(".jsonl.gz", OutputNames.suffix(Path.of("x.jsonl.gz"), dev.debias.corpus.CorpusFormat.JSONL, null));
        assertEquals(".tsv.zst", OutputNames.suffix(Path.of("x.csv.zst"), dev.debias.corpus.CorpusFormat.CSV,
                dev.debias.corpus.CorpusFormat.TSV));
        assertEquals(".jsonl", OutputNames.suffix(Path.of("brown.txt"), dev.debias.corpus.CorpusFormat.TEXT, null));
    }
}
