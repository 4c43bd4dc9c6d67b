package dev.debias.audit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import dev.debias.demo.BiosGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexing killed with SIGKILL in a child JVM ({@link IndexChild}) at several moments: early in the
 * read, after segments were flushed, and as the build commits and publishes. Every rerun, with or
 * without a rebuild, must succeed with the counts of a clean build and leave nothing beside the
 * index; a second start while a live process builds is refused naming it.
 */
class CorpusIndexerKillTest {
    private static final int RECORDS = 8_000;

    @TempDir
    static Path shared;

    static Path corpus;
    static IndexMetadata clean;

    @TempDir
    Path dir;

    @BeforeAll
    static void corpusAndCleanBuild() throws IOException {
        corpus = shared.resolve("bios.jsonl");
        try (RecordWriter w = CorpusWriters.open(corpus, WriteOptions.defaults())) {
            BiosGenerator.builder().setCount(RECORDS).optCooccurrence(0.8).optSeed(3).build().writeTo(w,
                    ProgressListener.NONE);
            w.commit();
        }
        clean = CorpusIndexer.builder().setInput(corpus).setIndexDir(shared.resolve("clean")).optReadOptions(IndexChild.READ)
                .optThreads(2).build().run().metadata();
        assertEquals(RECORDS, clean.documents());
    }

    /** A cache entry, as {@code debias audit} picks it under {@code $DEBIAS_CACHE}. */
    private Path cacheEntry() {
        return IndexCache.dirFor(dir.resolve("cache"), corpus, IndexChild.READ, clean.inputSha256());
    }

    private static IndexBuild rerun(Path index, boolean rebuild) throws IOException {
        return CorpusIndexer.builder().setInput(corpus).setIndexDir(index).optReadOptions(IndexChild.READ).optThreads(2)
                .optRebuild(rebuild).build().run();
    }

    private static void assertCleanCounts(IndexMetadata m) {
        assertEquals(clean.documents(), m.documents());
        assertEquals(clean.tokens(), m.tokens());
        assertEquals(clean.sentences(), m.sentences());
        assertEquals(clean.skipped(), m.skipped());
        assertEquals(clean.inputSha256(), m.inputSha256());
        assertEquals(clean.settings(), m.settings());
    }

    private static void assertOpensWithCleanCounts(Path index) throws IOException {
        try (CorpusIndex ci = CorpusIndex.open(index)) {
            assertCleanCounts(ci.metadata());
            assertEquals(RECORDS, ci.reader().numDocs());
        }
    }

    private static List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> building(Path index) throws IOException {
        try (Stream<Path> s = Files.list(index.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith("." + index.getFileName() + ".building-"))
                    .toList();
        }
    }

    /** A child JVM indexing {@link #corpus} into {@code index}, sleeping {@code sleepMs} per progress step. */
    private Process start(Path index, boolean rebuild, long sleepMs, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                System.getProperty("java.class.path"), IndexChild.class.getName(), corpus.toString(), index.toString(),
                rebuild ? "rebuild" : "build", Long.toString(sleepMs));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static List<String> lines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Waits until {@code when} holds for the child's output lines, then kills the child with SIGKILL. */
    private static void killWhen(Process child, Path log, Predicate<List<String>> when, String what) throws Exception {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            boolean reached = false;
            while (System.nanoTime() < deadline && child.isAlive()) {
                if (when.test(lines(log))) {
                    child.destroyForcibly();
                    reached = true;
                    break;
                }
                Thread.sleep(2);
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            if (!reached && !when.test(lines(log))) {
                fail("the child never reached " + what + "\n" + String.join("\n", lines(log)));
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private static boolean advanced(List<String> lines, int n) {
        return lines.contains("advance " + n);
    }

    @Test
    void killedEarlyInTheReadTheRerunAndARebuildSucceed() throws Exception {
        Path index = cacheEntry();
        Path log = dir.resolve("child.log");
        Process child = start(index, false, 40, log);
        killWhen(child, log, l -> advanced(l, 3), "its third progress step");
        assertEquals(137, child.exitValue(), "killed by SIGKILL:\n" + lines(log));
        assertFalse(Files.exists(index), "nothing is published before the build is complete");
        assertEquals(1, building(index).size(), "the killed build's directory is beside the index");

        IndexBuild again = rerun(index, true); // the reported failure: --rebuild too exited 1
        assertFalse(again.reused());
        assertCleanCounts(again.metadata());
        assertOpensWithCleanCounts(index);
        assertEquals(List.of(index.getFileName().toString()), listing(index.getParent()),
                "the killed build's directory and lock are gone");
        assertTrue(rerun(index, false).reused());
    }

    @Test
    void killedAfterSegmentsWereFlushedTheRerunSucceeds() throws Exception {
        Path index = cacheEntry();
        Path log = dir.resolve("child.log");
        Process child = start(index, false, 40, log);
        killWhen(child, log, l -> {
            try {
                List<Path> b = building(index);
                return advanced(l, 2) && b.size() == 1 && listing(b.get(0)).stream().anyMatch(n -> n.endsWith(".si"));
            } catch (IOException e) {
                return false;
            }
        }, "a flushed segment");
        assertEquals(137, child.exitValue(), "killed by SIGKILL:\n" + lines(log));
        assertFalse(Files.exists(index));

        IndexBuild again = rerun(index, false);
        assertFalse(again.reused());
        assertCleanCounts(again.metadata());
        assertOpensWithCleanCounts(index);
        assertEquals(List.of(index.getFileName().toString()), listing(index.getParent()));
    }

    @Test
    void aKilledRebuildLeavesThePreviousIndexWhole() throws Exception {
        Path index = cacheEntry();
        assertCleanCounts(rerun(index, false).metadata());
        Path log = dir.resolve("child.log");
        Process child = start(index, true, 40, log);
        killWhen(child, log, l -> advanced(l, 20), "its twentieth progress step");
        assertEquals(137, child.exitValue(), "killed by SIGKILL:\n" + lines(log));
        assertOpensWithCleanCounts(index);

        IndexBuild again = rerun(index, false);
        assertTrue(again.reused(), "the previous index is whole and matches");
        assertCleanCounts(again.metadata());
        assertEquals(List.of(index.getFileName().toString()), listing(index.getParent()),
                "reusing it removes what the killed rebuild left");
        assertFalse(rerun(index, true).reused());
        assertOpensWithCleanCounts(index);
    }

    @Test
    void killedAsTheBuildCommitsAndPublishesTheRerunSucceeds() throws Exception {
        // the child may be killed while committing, between the renames or after it is done: every
        // outcome must leave a location that the rerun turns into the clean index
        for (int round = 0; round < 2; round++) {
            Path index = cacheEntry();
            Path log = dir.resolve("child" + round + ".log");
            Process child = start(index, round == 1, 0, log);
            killWhen(child, log, l -> l.contains("finish"), "the end of the read");
            int code = child.exitValue();
            assertTrue(code == 137 || code == 0, "killed or finished:\n" + lines(log));
            IndexBuild again = rerun(index, false);
            assertCleanCounts(again.metadata());
            assertOpensWithCleanCounts(index);
            assertEquals(List.of(index.getFileName().toString()), listing(index.getParent()));
        }
    }

    @Test
    void aSecondStartWhileALiveProcessBuildsIsRefusedNamingIt() throws Exception {
        Path index = cacheEntry();
        Path log = dir.resolve("child.log");
        Process child = start(index, false, 100, log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!advanced(lines(log), 2) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(child.isAlive(), String.join("\n", lines(log)));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> rerun(index, false));
            assertTrue(e.getMessage().contains("another process (pid " + child.pid() + ") is building this index"),
                    e.getMessage());
            assertTrue(e.getMessage().startsWith(index.toString()), e.getMessage());
            assertThrows(InvalidInputException.class, () -> rerun(index, true), "--rebuild waits its turn too");
            assertTrue(child.isAlive(), "the refused starts leave the build alone");
            assertFalse(Files.exists(index));
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        // the holder died: its lock went with it, and the next start cleans up and builds
        IndexBuild b = rerun(index, false);
        assertNotNull(b.metadata());
        assertCleanCounts(b.metadata());
        assertEquals(List.of(index.getFileName().toString()), listing(index.getParent()));
    }
}
