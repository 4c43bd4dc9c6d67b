package dev.debias.corpus.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.ProgressListener;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact and near duplicates on crafted texts. A text of n distinct words has n - 4 word 5-shingles; changing
 * its last word keeps n - 5 of them, so the two texts' Jaccard similarity is (n - 5) / (n - 3):
 * 10 words: 5/7 = 0.714; 20 words: 15/17 = 0.882; 30 words: 25/27 = 0.926. Adding an 11th word to a
 * 10-word text keeps its 6 shingles and adds 1: 6/7 = 0.857.
 */
class DeduplicatorTest {
    @TempDir
    Path dir;

    /** n distinct words w{from}..w{from+n-1}, then {@code last} instead of the final one when given. */
    static String words(int from, int n, String last) {
        String s = IntStream.range(from, from + n - (last == null ? 0 : 1)).mapToObj(i -> "w" + i)
                .collect(Collectors.joining(" "));
        return last == null ? s : s + " " + last;
    }

    private DedupResult dedup(Path in, Path out, Double near, long seed) throws IOException {
        return Deduplicator.dedup(in, ReadOptions.defaults(), out, WriteOptions.defaults(), new DedupConfig(near, seed),
                ProgressListener.NONE);
    }

    @Test
    void theJaccardOfTheCraftedTextsIsWhatTheCommentSays() {
        assertEquals(5.0 / 7, jaccard(words(0, 10, null), words(0, 10, "x")), 1e-12);
        assertEquals(15.0 / 17, jaccard(words(100, 20, null), words(100, 20, "x")), 1e-12);
        assertEquals(25.0 / 27, jaccard(words(200, 30, null), words(200, 30, "x")), 1e-12);
        assertEquals(6.0 / 7, jaccard(words(0, 10, null), words(0, 11, null)), 1e-12);
        assertEquals(1, TextKey.shingles("just three words").length, "a short text is one shingle");
        assertEquals(0, TextKey.shingles("!!!").length);
    }

    private static double jaccard(String a, String b) {
        return TextKey.jaccard(TextKey.shingles(TextKey.normalize(a)), TextKey.shingles(TextKey.normalize(b)));
    }

    @Test
    void normalisationFoldsCaseSpaceAndCompatibilityForms() {
        assertEquals("hello world", TextKey.normalize("  Hello \t\u00a0 WORLD\n"));
        assertEquals("hello world", TextKey.normalize("\uff28\uff45\uff4c\uff4c\uff4f world")); // full-width Hello
        assertEquals("fi", TextKey.normalize("\ufb01")); // the fi ligature
    }

    @Test
    void exactDuplicatesKeepTheFirstOccurrence() throws IOException {
        Path in = PrepFixtures.texts(dir.resolve("c.jsonl"), "Hello  World", "something else", "hello world",
                "\uff28ello WORLD", "something else.");
        DedupResult r = dedup(in, dir.resolve("o.jsonl"), null, 1);
        // 1, 3, 4 normalise to "hello world"; 5 differs from 2 by its full stop, so it stays without --near
        assertEquals(List.of("1", "2", "5"), PrepFixtures.ids(dir.resolve("o.jsonl")));
        assertEquals(2, r.exactDropped());
        assertEquals(0, r.nearDropped());
        assertEquals(1, r.clusters().size());
        assertEquals("1", r.clusters().get(0).id());
        assertEquals(3, r.clusters().get(0).size());
        assertEquals(List.of("3", "4"), r.clusters().get(0).duplicates().stream().map(DedupResult.Duplicate::id).toList());
    }

    @Test
    void nearDuplicatesAtOrAboveTheThresholdAreDroppedAfterAnExactCheck() throws IOException {
        Path in = PrepFixtures.texts(dir.resolve("c.jsonl"),
                words(0, 10, null), words(0, 10, "x"), words(0, 11, null),
                words(100, 20, null), words(100, 20, "x"),
                words(200, 30, null), words(200, 30, "x"), words(200, 30, "y"));
        DedupResult at90 = dedup(in, dir.resolve("o90.jsonl"), 0.9, 1);
        // only the 30-word variants (0.926) reach 0.9; 8 (last word y) is 0.926 to 6 and 25/27 to 7 too, and goes to 6
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), PrepFixtures.ids(dir.resolve("o90.jsonl")));
        assertEquals(2, at90.nearDropped());
        assertEquals(16, at90.bands());
        assertEquals(8, at90.rows());
        DedupResult.Cluster c = at90.clusters().get(0);
        assertEquals("6", c.id());
        assertEquals(25.0 / 27, c.duplicates().get(0).jaccard(), 1e-12);
        assertFalse(c.duplicates().get(0).exact());
        DedupResult at85 = dedup(in, dir.resolve("o85.jsonl"), 0.85, 1);
        // at 0.85 the 11-word text (0.857 to 1) and the 20-word variant (0.882) go too; 0.714 stays
        assertEquals(List.of("1", "2", "4", "6"), PrepFixtures.ids(dir.resolve("o85.jsonl")));
        assertEquals(4, at85.nearDropped());
    }

    @Test
    void sameSeedSameBytes() throws IOException {
        Path in = PrepFixtures.texts(dir.resolve("c.jsonl"), words(0, 30, null), words(0, 30, "x"), "a b", "A  b");
        dedup(in, dir.resolve("a.jsonl"), 0.9, 5);
        dedup(in, dir.resolve("b.jsonl"), 0.9, 5);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.jsonl")), Files.readAllBytes(dir.resolve("b.jsonl")));
    }

    @Test
    void minHashEstimatesTheJaccard() {
        MinHash m = new MinHash(1, 8);
        long[] a = TextKey.shingles(words(0, 200, null));
        long[] b = TextKey.shingles(words(50, 200, null)); // 146 shared of 196 + 196 - 146 = 246: 0.593
        double exact = TextKey.jaccard(a, b);
        assertEquals(146.0 / 246, exact, 1e-12);
        assertEquals(exact, MinHash.estimate(m.signature(a), m.signature(b)), 0.15);
        assertTrue(MinHash.rowsFor(0.9) == 8 && MinHash.rowsFor(0.5) == 2, MinHash.rowsFor(0.5) + "");
    }
}
