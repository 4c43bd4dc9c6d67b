package dev.debias.corpus;

import static dev.debias.corpus.Fixtures.assertContains;
import static dev.debias.corpus.Fixtures.assertFailsAt;
import static dev.debias.corpus.Fixtures.options;
import static dev.debias.corpus.Fixtures.readAll;
import static dev.debias.corpus.Fixtures.texts;
import static dev.debias.corpus.Fixtures.write;
import static dev.debias.corpus.Fixtures.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .zst} corpora: read (a file the reference {@code zstd} command line compressed, committed as a
 * fixture), written and read back in every line format, and damaged input named by its file.
 */
class ZstdCorpusTest {
    @TempDir
    Path dir;

    @Test
    void readsAFileTheReferenceZstdWrote() throws IOException {
        // reference.jsonl.zst: two records compressed with `zstd -19` (Zstandard CLI v1.5.4)
        Path f = dir.resolve("reference.jsonl.zst");
        try (InputStream in = ZstdCorpusTest.class.getResourceAsStream("reference.jsonl.zst")) {
            Files.copy(in, f);
        }
        List<Record> records = readAll(f);
        assertEquals(List.of("She is a nurse.", "Er ist Arzt: ünïcödé 😀"), texts(records));
        assertEquals("reference.jsonl.zst:2", records.get(1).provenance().source());
    }

    @Test
    void everyLineFormatRoundTrips() throws IOException {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("g", "f");
        Record r = new Record("a", "x, \"y\" ünï 😀", "pos", attrs, Provenance.original("src.jsonl:1"));
        for (String name : List.of("out.jsonl.zst", "out.csv.zst", "out.tsv.zst")) {
            Path out = dir.resolve(name);
            try (RecordWriter w = CorpusWriters.open(out)) {
                w.write(r);
                w.commit();
            }
            byte[] raw = Files.readAllBytes(out);
            // the zstd frame's magic number, 0xFD2FB528, little-endian
            assertEquals(List.of(0x28, 0xB5, 0x2F, 0xFD), List.of(raw[0] & 0xFF, raw[1] & 0xFF, raw[2] & 0xFF, raw[3] & 0xFF),
                    name);
            List<Record> back = readAll(out, options(new FieldMapping("text", "label", List.of("g"), "id")));
            assertEquals(List.of(new Record("a", "x, \"y\" ünï 😀", "pos", attrs, Provenance.original(name + ":"
                    + (name.endsWith(".jsonl.zst") ? 1 : 2)))), back, name);
        }
    }

    @Test
    void anEmptyFileIsAnEmptyCorpusAsAnEmptyGzipIs() {
        Path empty = write(dir.resolve("empty.jsonl.zst"), "");
        assertFailsAt(EmptyCorpusException.class, empty, 0, () -> readAll(empty));
    }

    @Test
    void aFileThatIsNotZstdIsNamed() {
        Path notZstd = write(dir.resolve("plain.jsonl.zst"), "{\"text\":\"a\"}\n");
        assertContains(assertFailsAt(CorpusFormatException.class, notZstd, 0, () -> readAll(notZstd)).reason(),
                "not a valid zstd file");
    }

    @Test
    void aTruncatedFrameIsAFormatErrorNamingTheFile() throws IOException {
        Path whole = dir.resolve("whole.jsonl.zst");
        try (RecordWriter w = CorpusWriters.open(whole)) {
            for (int i = 0; i < 2000; i++) {
                w.write(new Record("r" + i, "text number " + i, null, Map.of(), Provenance.original("s:" + i)));
            }
            w.commit();
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = writeBytes(dir.resolve("cut.jsonl.zst"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CorpusFormatException e = org.junit.jupiter.api.Assertions.assertThrows(CorpusFormatException.class,
                () -> readAll(cut));
        assertEquals(cut, e.file());
    }
}
