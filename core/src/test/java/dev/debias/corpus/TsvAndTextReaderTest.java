package dev.debias.corpus;

import static dev.debias.corpus.Fixtures.assertContains;
import static dev.debias.corpus.Fixtures.assertFailsAt;
import static dev.debias.corpus.Fixtures.b;
import static dev.debias.corpus.Fixtures.bytes;
import static dev.debias.corpus.Fixtures.ids;
import static dev.debias.corpus.Fixtures.keys;
import static dev.debias.corpus.Fixtures.options;
import static dev.debias.corpus.Fixtures.readAll;
import static dev.debias.corpus.Fixtures.texts;
import static dev.debias.corpus.Fixtures.write;
import static dev.debias.corpus.Fixtures.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.debias.core.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsvAndTextReaderTest {
    @TempDir
    Path dir;

    // ---- TSV ----

    @Test
    void tsvReadsFieldsLiterallyWithLineNumberIds() {
        Path f = write(dir.resolve("in.tsv"), "label\ttext\tgender\textra\n"
                + "pos\t\"quoted\", kept\tf\t 1 \n"
                + "\n"
                + "neg\tsecond\tm\t\n");
        FieldMapping m = FieldMapping.DEFAULT.withLabelField("label").withGroupFields(List.of("gender"));
        try (RecordReader r = CorpusReaders.open(f, options(m))) {
            assertEquals(CorpusFormat.TSV, r.format());
            List<Record> records = Fixtures.drain(r);
            assertEquals(List.of("2", "4"), ids(records));
            assertEquals(List.of("\"quoted\", kept", "second"), texts(records));
            assertEquals(List.of("gender", "extra"), keys(records.get(0)));
            assertEquals(Map.of("gender", "f", "extra", " 1 "), records.get(0).attributes());
            assertEquals(Map.of("gender", "m", "extra", ""), records.get(1).attributes());
            assertEquals("neg", records.get(1).label());
            assertEquals(Provenance.original("in.tsv:4"), records.get(1).provenance());
            assertEquals(1, r.report().blankLines());
        }
    }

    @Test
    void tsvIdFieldBlankHeaderNamesAndTabExtension() {
        Path f = write(dir.resolve("in.tab"), "id\ttext\t\nx9\thello\tv\n");
        Record r = readAll(f, options(FieldMapping.DEFAULT.withIdField("id"))).get(0);
        assertEquals("x9", r.id());
        assertEquals(Map.of("column_3", "v"), r.attributes());
    }

    @Test
    void raggedTsvRowNamesItsLine() {
        Path f = write(dir.resolve("in.tsv"), "text\tlabel\na\tp\n\nb\tp\textra\n");
        assertEquals("expected 2 fields [text, label] but found 3",
                assertFailsAt(InvalidRecordException.class, f, 4, () -> readAll(f)).reason());
        Path shortRow = write(dir.resolve("short.tsv"), "text\tlabel\na\n");
        assertEquals("expected 2 fields [text, label] but found 1",
                assertFailsAt(InvalidRecordException.class, shortRow, 2, () -> readAll(shortRow)).reason());
    }

    @Test
    void tsvSkipInvalid() {
        Path f = write(dir.resolve("in.tsv"), "text\tlabel\na\tp\nb\nc\t\nd\tn\n");
        ReadOptions o = options(FieldMapping.DEFAULT.withLabelField("label")).withSkipInvalid(true);
        try (RecordReader r = CorpusReaders.open(f, o)) {
            assertEquals(List.of("2", "5"), ids(Fixtures.drain(r)));
            assertEquals(List.of(new SkippedRecord("in.tsv", 3, "expected 2 fields [text, label] but found 1"),
                    new SkippedRecord("in.tsv", 4, "the label field 'label' is empty")), r.report().skippedRecords());
        }
        Path none = write(dir.resolve("none.tsv"), "text\tlabel\na\nb\n");
        assertContains(assertFailsAt(EmptyCorpusException.class, none, 0, () -> readAll(none, o)).reason(),
                "all 2 records were invalid and skipped; the first: none.tsv:2: expected 2 fields");
    }

    @Test
    void tsvHeaderErrorsFailAtOpenNamingTheHeaderLine() {
        Path dup = write(dir.resolve("dup.tsv"), "\ntext\tx\tx\na\tb\tc\n");
        assertEquals("the header names column 'x' twice",
                assertFailsAt(CorpusFormatException.class, dup, 2, () -> CorpusReaders.open(dup).close()).reason());
        Path noText = write(dir.resolve("notext.tsv"), "body\tlabel\na\tb\n");
        assertEquals("the header has no text column 'text'; columns are [body, label] (choose one with setting 'text field')",
                assertFailsAt(CorpusFormatException.class, noText, 1, () -> CorpusReaders.open(noText).close()).reason());
        Path noId = write(dir.resolve("noid.tsv"), "text\tlabel\na\tb\n");
        ReadOptions id = options(FieldMapping.DEFAULT.withIdField("doc"));
        assertEquals("the header has no id column 'doc'; columns are [text, label] (choose one with setting 'id field')",
                assertFailsAt(CorpusFormatException.class, noId, 1, () -> CorpusReaders.open(noId, id).close()).reason());
    }

    @Test
    void tsvEmptyAndHeaderOnly() {
        Path empty = write(dir.resolve("empty.tsv"), "");
        assertEquals("the file is empty (expected a header row)",
                assertFailsAt(EmptyCorpusException.class, empty, 0, () -> readAll(empty)).reason());
        Path header = write(dir.resolve("header.tsv"), "text\tlabel\n\n\n");
        assertEquals("the file has a header row but no records",
                assertFailsAt(EmptyCorpusException.class, header, 0, () -> readAll(header)).reason());
    }

    @Test
    void tsvInvalidUtf8BomAndCrlf() {
        Path bad = writeBytes(dir.resolve("bad.tsv"), bytes("text\tn\na\t1\nb\t", b(0xC0, 0xAF), "\n"));
        assertContains(assertFailsAt(CorpusFormatException.class, bad, 3, () -> readAll(bad)).reason(),
                "invalid UTF-8 (byte 0xC0 at byte column 3)");
        Path crlf = writeBytes(dir.resolve("crlf.tsv"), bytes(b(0xEF, 0xBB, 0xBF), "text\tn\r\nä\t1\r\n"));
        Record r = readAll(crlf).get(0);
        assertEquals("ä", r.text());
        assertEquals(Map.of("n", "1"), r.attributes());
    }

    // ---- plain text ----

    @Test
    void textIsOneDocumentPerLineAndBlankLinesAreCounted() {
        Path f = write(dir.resolve("in.txt"), "\nfirst doc\n   \nsecond, doc\t tab\n\n");
        try (RecordReader r = CorpusReaders.open(f)) {
            assertEquals(CorpusFormat.TEXT, r.format());
            List<Record> records = Fixtures.drain(r);
            assertEquals(List.of("2", "4"), ids(records));
            assertEquals(List.of("first doc", "second, doc\t tab"), texts(records));
            assertEquals(Map.of(), records.get(0).attributes());
            assertEquals(Provenance.original("in.txt:4"), records.get(1).provenance());
            assertEquals(3, r.report().blankLines());
            assertEquals(2, r.report().records());
        }
    }

    @Test
    void textWithoutTrailingNewlineBomCrlfAndGzip() {
        Path f = writeBytes(dir.resolve("in.txt"), bytes(b(0xEF, 0xBB, 0xBF), "über\r\nlast"));
        assertEquals(List.of("über", "last"), texts(readAll(f)));
        Path gz = Fixtures.gzip(dir.resolve("in.text.gz"), "a\n\nb\n");
        List<Record> records = readAll(gz);
        assertEquals(List.of("1", "3"), ids(records));
    }

    @Test
    void textErrors() {
        Path empty = write(dir.resolve("empty.txt"), "");
        assertEquals("the file is empty", assertFailsAt(EmptyCorpusException.class, empty, 0, () -> readAll(empty)).reason());
        Path blank = write(dir.resolve("blank.txt"), "\n \r\n\t\n");
        assertEquals("the file holds only blank lines",
                assertFailsAt(EmptyCorpusException.class, blank, 0, () -> readAll(blank)).reason());
        Path bad = writeBytes(dir.resolve("bad.txt"), bytes("ok\n\nfine\nbr", b(0xED, 0xA0, 0x80), "oken\n"));
        assertContains(assertFailsAt(CorpusFormatException.class, bad, 4, () -> readAll(bad)).reason(),
                "invalid UTF-8 (byte 0xED at byte column 3)");
        Path missing = dir.resolve("missing.txt");
        assertEquals("no such file", assertFailsAt(CorpusFormatException.class, missing, 0, () -> readAll(missing)).reason());
    }

    @Test
    void textRejectsLabelGroupAndIdFields() {
        Path f = write(dir.resolve("in.txt"), "a\n");
        for (FieldMapping m : List.of(FieldMapping.DEFAULT.withLabelField("label"),
                FieldMapping.DEFAULT.withGroupFields(List.of("gender")), FieldMapping.DEFAULT.withIdField("id"))) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> CorpusReaders.open(f, options(m)));
            assertEquals(InvalidInputException.class, e.getClass());
            assertEquals(f + ": plain text has no fields, so setting 'label field', setting 'group field' and setting 'id field' cannot apply;"
                    + " convert it to JSONL, CSV or TSV first", e.getMessage());
        }
    }
}
