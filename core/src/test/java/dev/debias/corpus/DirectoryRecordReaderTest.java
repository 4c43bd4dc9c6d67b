package dev.debias.corpus;

import static dev.debias.corpus.Fixtures.assertContains;
import static dev.debias.corpus.Fixtures.assertFailsAt;
import static dev.debias.corpus.Fixtures.b;
import static dev.debias.corpus.Fixtures.bytes;
import static dev.debias.corpus.Fixtures.ids;
import static dev.debias.corpus.Fixtures.options;
import static dev.debias.corpus.Fixtures.readAll;
import static dev.debias.corpus.Fixtures.texts;
import static dev.debias.corpus.Fixtures.write;
import static dev.debias.corpus.Fixtures.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.debias.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryRecordReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTxtFilesRecursivelyInSortedOrderWithRelativeIds() throws Exception {
        Path corpus = dir.resolve("corpus");
        write(corpus.resolve("b.txt"), "bee\n");
        write(corpus.resolve("a.txt"), "line one\r\nline two\n\nline four");
        write(corpus.resolve("sub/deeper/c.txt"), "deep");
        write(corpus.resolve("sub/0.txt"), "\nstarts blank\n");
        write(corpus.resolve("notes.md"), "ignored");
        write(corpus.resolve("data.csv"), "text\nignored\n");
        write(corpus.resolve("upper.TXT"), "ignored");
        write(corpus.resolve("gz.txt.gz"), "ignored");
        Files.createDirectories(corpus.resolve("dir.txt"));
        try (RecordReader r = CorpusReaders.open(corpus)) {
            assertEquals(CorpusFormat.DIR, r.format());
            List<Record> records = Fixtures.drain(r);
            assertEquals(List.of("a.txt", "b.txt", "sub/0.txt", "sub/deeper/c.txt"), ids(records));
            assertEquals(List.of("line one\nline two\n\nline four", "bee", "\nstarts blank", "deep"), texts(records));
            Record first = records.get(0);
            assertNull(first.label());
            assertEquals(Map.of(), first.attributes());
            assertEquals(Provenance.original("a.txt"), first.provenance());
            assertEquals(4, r.report().records());
            long total = 0;
            for (String f : List.of("a.txt", "b.txt", "sub/0.txt", "sub/deeper/c.txt")) {
                total += Files.size(corpus.resolve(f));
            }
            assertEquals(total, r.bytesTotal());
            assertEquals(total, r.bytesRead());
        }
    }

    @Test
    void bomIsDroppedAndAnEmptyFileIsAnEmptyDocument() {
        Path corpus = dir.resolve("corpus");
        writeBytes(corpus.resolve("a.txt"), bytes(b(0xEF, 0xBB, 0xBF), "héllo"));
        write(corpus.resolve("b.txt"), "");
        assertEquals(List.of("héllo", ""), texts(readAll(corpus)));
    }

    @Test
    void invalidUtf8InAFileNamesThatFileAndLine() {
        Path corpus = dir.resolve("corpus");
        write(corpus.resolve("a.txt"), "fine");
        Path bad = writeBytes(corpus.resolve("sub/b.txt"), bytes("ok\nstill ok\nnot", b(0x80), "\n"));
        write(corpus.resolve("z.txt"), "after");
        try (RecordReader r = CorpusReaders.open(corpus)) {
            assertEquals("fine", r.next().text());
            var e = assertFailsAt(InvalidRecordException.class, bad, 3, r::hasNext);
            assertContains(e.reason(), "invalid UTF-8 (byte 0x80 at byte column 4)");
        }
        try (RecordReader r = CorpusReaders.open(corpus, ReadOptions.defaults().withSkipInvalid(true))) {
            assertEquals(List.of("a.txt", "z.txt"), ids(Fixtures.drain(r)));
            assertEquals(1, r.report().skipped());
            SkippedRecord s = r.report().skippedRecords().get(0);
            assertEquals(3, s.line());
            assertEquals("sub/b.txt", s.file());
            assertEquals("sub/b.txt:3: " + s.reason(), s.toString());
        }
    }

    @Test
    void directoryWithoutTxtFilesIsEmpty() {
        Path corpus = dir.resolve("corpus");
        write(corpus.resolve("readme.md"), "nothing here");
        assertEquals("the directory holds no .txt files",
                assertFailsAt(EmptyCorpusException.class, corpus, 0, () -> readAll(corpus)).reason());
    }

    @Test
    void namingAFileAsADirectoryOrFieldsForADirectoryIsAnError() {
        Path file = write(dir.resolve("one.txt"), "x");
        assertEquals("not a directory", assertFailsAt(CorpusFormatException.class, file, 0,
                () -> CorpusReaders.open(file, ReadOptions.defaults().withFormat(CorpusFormat.DIR))).reason());
        Path corpus = dir.resolve("corpus");
        write(corpus.resolve("a.txt"), "x");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CorpusReaders.open(corpus, options(FieldMapping.DEFAULT.withLabelField("label"))));
        assertEquals(InvalidInputException.class, e.getClass());
        assertEquals(corpus + ": a directory of text files has no fields, so setting 'label field', setting 'group field' and"
                + " setting 'id field' cannot apply; convert it to JSONL, CSV or TSV first", e.getMessage());
        assertThrows(InvalidInputException.class,
                () -> CorpusReaders.open(corpus, options(FieldMapping.DEFAULT.withGroupFields(List.of("g")))));
    }
}
