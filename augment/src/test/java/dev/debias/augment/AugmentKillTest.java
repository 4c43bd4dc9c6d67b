package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.debias.augment.AugmenterTest.Support;
import dev.debias.corpus.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * augment killed with SIGKILL in a child JVM at each stage (issue 21, item 15): nothing is published,
 * its only debris is its staging folder beside the output (none in the system temp folder), and the
 * next run for the same output deletes it.
 */
class AugmentKillTest {
    @TempDir
    Path dir;

    /** The child: runs two-sided augmentation of {@code args[0]} into {@code args[1]}, stopping for good at stage {@code args[2]}. */
    public static void main(String[] args) throws Exception {
        Augmenter.builder().setMode(AugmentMode.TWO_SIDED).optThreads(1).checkpoint(s -> {
            if (s.equals(args[2])) {
                System.out.println("AT " + s);
                System.out.flush();
                try {
                    Thread.sleep(120_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }).build().run(Path.of(args[0]), Support.READ, Path.of(args[1]),
                WriteOptions.defaults().withFieldNamesOf(Support.READ.fields()));
        System.out.println("finished");
    }

    @ParameterizedTest
    @ValueSource(strings = {"written", "staged"})
    void killedAtAStageLeavesOnlyItsStagingFolderWhichTheNextRunDeletes(String stage) throws Exception {
        Path in = AugmentPublicationTest.corpus(dir.resolve("in.jsonl"));
        Path outDir = Files.createDirectories(dir.resolve("out"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path out = outDir.resolve("aug.jsonl");
        Path log = dir.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                AugmentKillTest.class.getName(), in.toString(), out.toString(), stage)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("AT " + stage)) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    fail("the child never reached " + stage + ":\n" + Files.readString(log));
                }
                Thread.sleep(10);
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(137, child.exitValue(), Files.readString(log));
        List<String> debris = AugmentPublicationTest.names(outDir);
        assertEquals(1, debris.size(), debris.toString());
        assertTrue(debris.get(0).startsWith(Staging.prefix(out)) && debris.get(0).endsWith(".partial"), debris.toString());
        assertEquals(List.of(), AugmentPublicationTest.names(tmp), "nothing in the system temp folder");

        Augmenter.builder().setMode(AugmentMode.TWO_SIDED).optThreads(1).build().run(in, Support.READ, out,
                WriteOptions.defaults().withFieldNamesOf(Support.READ.fields()));
        assertEquals(List.of("aug.jsonl", "aug.jsonl.augment.json", "aug.jsonl.provenance.json"),
                AugmentPublicationTest.names(outDir));
    }
}
