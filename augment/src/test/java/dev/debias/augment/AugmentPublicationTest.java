package dev.debias.augment;

import static dev.debias.augment.AugmenterTest.Support.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.debias.augment.AugmenterTest.Support;
import dev.debias.core.ArtifactProvenance;
import dev.debias.corpus.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * augment publishes its output, summary and provenance together, after everything that can fail
 * (issue 21, items 4 and 15): a run that fails at any later stage leaves none of them, and nothing
 * of its own in the output's folder.
 */
class AugmentPublicationTest {
    @TempDir
    Path dir;

    static Path corpus(Path file) throws IOException {
        return Support.write(file, List.of(
                rec("1", "She is a nurse.", "a", "female"),
                rec("2", "He is a nurse.", "a", "male"),
                rec("3", "He is a pilot.", "b", "male"),
                rec("4", "His car.", "b", "male")));
    }

    /** The names in {@code folder}, sorted. */
    static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static final class Injected extends IOException {
        Injected(String stage) {
            super("injected at " + stage);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"written", "staged"})
    void aRunThatFailsAfterWritingPublishesNothing(String stage) throws IOException {
        Path in = corpus(dir.resolve("in.jsonl"));
        Path outDir = Files.createDirectories(dir.resolve("out"));
        Path out = outDir.resolve("aug.jsonl");
        Augmenter a = Augmenter.builder().setMode(AugmentMode.TWO_SIDED).optThreads(2).checkpoint(s -> {
            if (s.equals(stage)) {
                throw new Injected(s);
            }
        }).build();
        Injected e = assertThrows(Injected.class, () -> a.run(in, Support.READ, out,
                WriteOptions.defaults().withFieldNamesOf(Support.READ.fields())));
        assertEquals("injected at " + stage, e.getMessage());
        assertEquals(List.of(), names(outDir), "nothing at the output path, no summary, no provenance, no debris");
    }

    @Test
    void aFailedRunLeavesAnEarlierOutputAndItsSidecarsAsTheyWere() throws IOException {
        Path in = corpus(dir.resolve("in.jsonl"));
        Path outDir = Files.createDirectories(dir.resolve("out"));
        Path out = outDir.resolve("aug.jsonl");
        WriteOptions w = WriteOptions.defaults().withFieldNamesOf(Support.READ.fields());
        Augmenter.builder().setMode(AugmentMode.TWO_SIDED).optThreads(2).build().run(in, Support.READ, out, w);
        byte[] output = Files.readAllBytes(out);
        byte[] summary = Files.readAllBytes(Augmenter.summaryPath(out));
        byte[] provenance = Files.readAllBytes(ArtifactProvenance.sidecarOf(out));
        List<String> published = names(outDir);
        assertEquals(List.of("aug.jsonl", "aug.jsonl.augment.json", "aug.jsonl.provenance.json"), published);
        Augmenter failing = Augmenter.builder().setMode(AugmentMode.MASK).optThreads(2).checkpoint(s -> {
            if (s.equals("staged")) {
                throw new Injected(s);
            }
        }).build();
        assertThrows(Injected.class, () -> failing.run(in, Support.READ, out, w));
        assertEquals(published, names(outDir));
        assertEquals(List.of(output, summary, provenance).stream().map(String::new).toList(),
                Stream.of(out, Augmenter.summaryPath(out), ArtifactProvenance.sidecarOf(out))
                        .map(p -> new String(readAll(p))).toList());
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
