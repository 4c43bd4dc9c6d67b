package dev.debias.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashingTest {
    @TempDir
    Path dir;

    @Test
    void hashesStringsAndFilesWithSha256() throws Exception {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hashing.sha256(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hashing.sha256("abc"));
        Path f = Files.writeString(dir.resolve("f.txt"), "abc");
        assertEquals(Hashing.sha256("abc"), Hashing.sha256(f));
    }

    @Test
    void directoryHashCoversNamesAndContentInSortedOrder() throws Exception {
        Path d = Files.createDirectories(dir.resolve("d"));
        Files.writeString(d.resolve("b.txt"), "two");
        Files.createDirectories(d.resolve("sub"));
        Files.writeString(d.resolve("sub/a.txt"), "one");
        // sorted: b.txt, sub/a.txt; each as relative path, a zero byte, then the content
        assertEquals(Hashing.sha256("b.txt\0twosub/a.txt\0one"), Hashing.sha256(d));
        String before = Hashing.sha256(d);
        Files.move(d.resolve("b.txt"), d.resolve("c.txt"));
        assertNotEquals(before, Hashing.sha256(d));
    }
}
