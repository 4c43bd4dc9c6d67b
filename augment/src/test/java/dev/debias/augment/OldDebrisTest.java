package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.augment.AugmenterTest.Support;
import dev.debias.core.FileTrees;
import dev.debias.corpus.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What augment versions before the staging folder left when killed (a {@code debias-augmentDIGITS}
 * index folder in the temp folder; {@code .NAME.X.partial} files beside the output) is removed by the
 * next run once it is {@link OldDebris#STALE_AFTER} old; anything fresher, or not shaped exactly like
 * it, is kept.
 */
class OldDebrisTest {
    private static final Instant OLD = Instant.now().minus(Duration.ofDays(30));
    private static final Instant RECENT = Instant.now().minus(OldDebris.STALE_AFTER).plus(Duration.ofHours(2));
    /** The files a small Lucene index holds, as the old augment's audit index left them. */
    private static final List<String> LUCENE = List.of("segments_1", "write.lock", "_0.cfe", "_0.cfs", "_0.si",
            "_1_Lucene90FieldsIndex-doc_ids_0.tmp");

    @TempDir
    Path dir;

    /** An old augment's index folder: {@code before} and {@code after} indexes, everything modified at {@code time}. */
    static Path oldIndexFolder(Path tempDir, String name, Instant time) throws IOException {
        Path folder = Files.createDirectories(tempDir.resolve(name));
        for (String part : List.of("before", "after")) {
            Path index = Files.createDirectories(folder.resolve(part));
            for (String f : LUCENE) {
                Files.write(index.resolve(f), new byte[] {1, 2, 3});
            }
        }
        return age(folder, time);
    }

    /** Sets the modification time of everything under {@code root} (files before their folders). */
    static Path age(Path root, Instant time) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.setLastModifiedTime(p, FileTime.from(time));
            }
        }
        return root;
    }

    static Path file(Path p, Instant time) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, "{\"id\": \"1\"");
        return age(p, time);
    }

    @Test
    void oldIndexFoldersAndPartialFilesBesideTheOutputAreRemovedWhenARunStarts() throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path out = dir.resolve("out").resolve("aug.jsonl");
        List<Path> debris = List.of(
                oldIndexFolder(tmp, "debias-augment8213371993457783043", OLD),
                age(Files.createDirectories(tmp.resolve("debias-augment17")), OLD),
                file(out.resolveSibling(".aug.jsonl.1x9k2m7q0b3c.partial"), OLD),
                file(out.resolveSibling(".aug.jsonl.augment.json.3kq8.partial"), OLD),
                file(out.resolveSibling(".aug.jsonl.provenance.json.zz0.partial"), OLD));
        Path half = oldIndexFolder(tmp, "debias-augment42", OLD);
        FileTrees.delete(half.resolve("after"));
        age(half, OLD);

        Staging.open(out, tmp).close();

        for (Path p : debris) {
            assertFalse(Files.exists(p), p + " is removed");
        }
        assertFalse(Files.exists(half), "an old run killed before its after-audit leaves only before/: removed");
        assertEquals(List.of(), AugmentPublicationTest.names(tmp));
        assertEquals(List.of(), AugmentPublicationTest.names(out.getParent()));
    }

    @Test
    void freshDebrisAndWhatMayBeTheUsersAreKept() throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path out = dir.resolve("out").resolve("aug.jsonl");
        Path fresh = oldIndexFolder(tmp, "debias-augment101", RECENT);
        Path oneFreshFile = oldIndexFolder(tmp, "debias-augment102", OLD);
        Files.setLastModifiedTime(oneFreshFile.resolve("before").resolve("_0.cfs"), FileTime.from(RECENT));
        Path notesInIndex = oldIndexFolder(tmp, "debias-augment103", OLD);
        age(file(notesInIndex.resolve("before").resolve("notes.txt"), OLD).getParent().getParent(), OLD);
        Path extraTopLevel = oldIndexFolder(tmp, "debias-augment104", OLD);
        age(file(extraTopLevel.resolve("data.csv"), OLD).getParent(), OLD);
        Path otherFolder = oldIndexFolder(tmp, "debias-augment105", OLD);
        Files.move(otherFolder.resolve("after"), otherFolder.resolve("results"));
        age(otherFolder, OLD);
        Path linked = oldIndexFolder(tmp, "debias-augment106", OLD);
        Path target = file(dir.resolve("mine").resolve("thesis.tex"), OLD);
        Files.createSymbolicLink(linked.resolve("before").resolve("_9.cfs"), target);
        age(linked, OLD);
        Path namedLike = oldIndexFolder(tmp, "debias-augment-notes", OLD);
        Path fileNamedLike = file(tmp.resolve("debias-augment107"), OLD);
        List<Path> kept = List.of(fresh, oneFreshFile, notesInIndex, extraTopLevel, otherFolder, linked, target,
                namedLike, fileNamedLike,
                file(out.resolveSibling(".aug.jsonl.k2.partial"), RECENT),
                file(out.resolveSibling(".other.jsonl.k2.partial"), OLD),
                file(out.resolveSibling(".aug.jsonl.notes.partial.txt"), OLD),
                file(out.resolveSibling("aug.jsonl.k2.partial"), OLD),
                file(out.resolveSibling(".aug.jsonl.summary.json.k2.partial"), OLD),
                age(Files.createDirectories(out.resolveSibling(".aug.jsonl.k3.partial")), OLD));
        List<String> tmpBefore = AugmentPublicationTest.names(tmp);
        List<String> outBefore = AugmentPublicationTest.names(out.getParent());

        Staging.open(out, tmp).close();

        for (Path p : kept) {
            assertTrue(Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS), p + " is kept");
        }
        assertEquals(tmpBefore, AugmentPublicationTest.names(tmp));
        assertEquals(outBefore, AugmentPublicationTest.names(out.getParent()));
        assertTrue(Files.exists(notesInIndex.resolve("before").resolve("notes.txt")));
        assertTrue(Files.exists(linked.resolve("before").resolve("_0.cfs")), "nothing of a kept folder is removed");
    }

    @Test
    void anAugmentRunRemovesAnOldIndexFolderFromTheSystemTempFolder() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path old = oldIndexFolder(tmp, "debias-augment" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()),
                OLD);
        try {
            Path in = AugmentPublicationTest.corpus(dir.resolve("in.jsonl"));
            Path out = dir.resolve("out").resolve("aug.jsonl");
            Path partial = file(out.resolveSibling(".aug.jsonl.5b2x.partial"), OLD);
            Augmenter.builder().setMode(AugmentMode.TWO_SIDED).optThreads(2).build().run(in, Support.READ, out,
                    WriteOptions.defaults().withFieldNamesOf(Support.READ.fields()));
            assertFalse(Files.exists(old), old + " is removed");
            assertFalse(Files.exists(partial), partial + " is removed");
            assertEquals(List.of("aug.jsonl", "aug.jsonl.augment.json", "aug.jsonl.provenance.json"),
                    AugmentPublicationTest.names(out.getParent()));
        } finally {
            FileTrees.delete(old);
        }
    }
}
