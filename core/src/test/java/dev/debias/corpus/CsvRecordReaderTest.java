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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRecordReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsQuotedCommasQuotesAndEmbeddedNewlinesWithStartLineIds() {
        Path f = write(dir.resolve("in.csv"), "text,label,gender,note\n"
                + "\"Hello, world\",pos,f,plain\n"
                + "\"She said \"\"hi\"\"\",neg,m,\"\"\n"
                + "\"two\nlines\",pos,f,\"a,b\"\n"
                + "last,neg,m,x\n");
        FieldMapping m = FieldMapping.DEFAULT.withLabelField("label").withGroupFields(List.of("gender"));
        try (RecordReader r = CorpusReaders.open(f, options(m))) {
            assertEquals(CorpusFormat.CSV, r.format());
            List<Record> records = Fixtures.drain(r);
            assertEquals(List.of("2", "3", "4", "6"), ids(records));
            assertEquals(List.of("Hello, world", "She said \"hi\"", "two\nlines", "last"), texts(records));
            assertEquals(List.of("pos", "neg", "pos", "neg"), records.stream().map(Record::label).toList());
            assertEquals(List.of("gender", "note"), keys(records.get(0)));
            assertEquals(Map.of("gender", "m", "note", ""), records.get(1).attributes());
            assertEquals("a,b", records.get(2).attributes().get("note"));
            assertEquals(Provenance.original("in.csv:4"), records.get(2).provenance());
            assertEquals(Provenance.original("in.csv:6"), records.get(3).provenance());
            assertEquals(4, r.report().records());
        }
    }

    @Test
    void idFieldAndOtherTextField() {
        Path f = write(dir.resolve("in.csv"), "doc_id,body,score\nd1,first,1.0\nd2,second,2\n");
        List<Record> records = readAll(f, options(new FieldMapping("body", null, List.of(), "doc_id")));
        assertEquals(List.of("d1", "d2"), ids(records));
        assertEquals(List.of("first", "second"), texts(records));
        assertEquals(Map.of("score", "1.0"), records.get(0).attributes());
        assertNull(records.get(0).label());
    }

    @Test
    void blankAndPaddedHeaderNames() {
        Path f = write(dir.resolve("in.csv"), " text ,,x,\nt,a,b,c\n");
        Record r = readAll(f).get(0);
        assertEquals("t", r.text());
        assertEquals(List.of("column_2", "x", "column_4"), keys(r));
        assertEquals(Map.of("column_2", "a", "x", "b", "column_4", "c"), r.attributes());
    }

    @Test
    void blankLinesAreNotRecordsAndDoNotShiftLineNumbers() {
        Path f = write(dir.resolve("in.csv"), "text,n\n\na,1\n\n\nb,2\nc\n\n\n");
        ReadOptions skip = ReadOptions.defaults().withSkipInvalid(true);
        try (RecordReader r = CorpusReaders.open(f, skip)) {
            List<Record> records = Fixtures.drain(r);
            assertEquals(List.of("3", "6"), ids(records));
            assertEquals(List.of("a", "b"), texts(records));
            assertEquals(List.of(new SkippedRecord("in.csv", 7, "expected 2 fields [text, n] but found 1")),
                    r.report().skippedRecords());
            assertEquals(5, r.report().blankLines());
        }
    }

    @Test
    void headerAfterBlankLinesAndRecordsAfterMultilineOnes() {
        Path f = write(dir.resolve("in.csv"), "\n\ntext,n\n\"a\n\nb\",1\n\nc,2\n");
        try (RecordReader r = CorpusReaders.open(f)) {
            List<Record> records = Fixtures.drain(r);
            assertEquals(List.of("4", "8"), ids(records));
            assertEquals(List.of("a\n\nb", "c"), texts(records));
            assertEquals(3, r.report().blankLines());
        }
        Path dup = write(dir.resolve("dup.csv"), "\n\ntext,x,x\n");
        assertFailsAt(CorpusFormatException.class, dup, 3, () -> CorpusReaders.open(dup));
    }

    @Test
    void raggedRowNamesItsLineAndTheExpectedFields() {
        Path f = write(dir.resolve("in.csv"), "text,label\na,p\n\"multi\nline\",n\nb,p,extra\n");
        var e = assertFailsAt(InvalidRecordException.class, f, 5, () -> readAll(f));
        assertEquals("expected 2 fields [text, label] but found 3", e.reason());
    }

    @Test
    void unterminatedQuoteIsFatalEvenWhenSkipping() {
        Path f = write(dir.resolve("in.csv"), "text,label\na,p\n\"open,n\nb,p\nc,n\n");
        var e = assertFailsAt(CorpusFormatException.class, f, 3,
                () -> readAll(f, ReadOptions.defaults().withSkipInvalid(true)));
        assertTrue(e.reason().startsWith("malformed CSV in the record starting here: "), e.reason());
        assertContains(e.reason(), "(is a quote left open?)");
    }

    @Test
    void textAfterAClosingQuoteIsFatal() {
        Path f = write(dir.resolve("in.csv"), "text,label\n\"a\"b,p\n");
        assertFailsAt(CorpusFormatException.class, f, 2, () -> readAll(f, ReadOptions.defaults().withSkipInvalid(true)));
    }

    @Test
    void duplicateHeaderNamesFailAtOpen() {
        Path f = write(dir.resolve("in.csv"), "text,x,x\na,b,c\n");
        var e = assertFailsAt(CorpusFormatException.class, f, 1, () -> CorpusReaders.open(f).close());
        assertEquals("the header names column 'x' twice", e.reason());
    }

    @Test
    void headerWithoutTheMappedColumnsFailsAtOpen() {
        Path f = write(dir.resolve("in.csv"), "body,label\na,p\n");
        var e = assertFailsAt(CorpusFormatException.class, f, 1, () -> CorpusReaders.open(f).close());
        assertEquals("the header has no text column 'text'; columns are [body, label] (choose one with setting 'text field')",
                e.reason());
        ReadOptions labelled = options(new FieldMapping("body", "y", List.of(), null));
        assertEquals("the header has no label column 'y'; columns are [body, label] (choose one with setting 'label field')",
                assertFailsAt(CorpusFormatException.class, f, 1, () -> CorpusReaders.open(f, labelled).close()).reason());
        ReadOptions grouped = options(new FieldMapping("body", null, List.of("race"), null));
        assertEquals("the header has no group column 'race'; columns are [body, label] (choose one with setting 'group field')",
                assertFailsAt(CorpusFormatException.class, f, 1, () -> CorpusReaders.open(f, grouped).close()).reason());
    }

    @Test
    void emptyLabelInARowIsInvalid() {
        Path f = write(dir.resolve("in.csv"), "text,label\na,p\nb,\n");
        assertEquals("the label field 'label' is empty", assertFailsAt(InvalidRecordException.class, f, 3,
                () -> readAll(f, options(FieldMapping.DEFAULT.withLabelField("label")))).reason());
    }

    @Test
    void invalidUtf8NamesItsLine() {
        Path f = writeBytes(dir.resolve("in.csv"), bytes("text,n\na,1\n\"b\nb\",2\nc", b(0xFF), ",3\nd,4\n"));
        try (RecordReader r = CorpusReaders.open(f)) {
            assertEquals("a", r.next().text());
            assertEquals("b\nb", r.next().text());
            var e = assertFailsAt(CorpusFormatException.class, f, 5, r::hasNext);
            assertContains(e.reason(), "invalid UTF-8 (byte 0xFF at byte column 2)");
        }
    }

    @Test
    void emptyAndHeaderOnlyFilesAreEmptyCorpora() {
        Path empty = write(dir.resolve("empty.csv"), "");
        assertEquals("the file is empty (expected a header row)",
                assertFailsAt(EmptyCorpusException.class, empty, 0, () -> readAll(empty)).reason());
        Path header = write(dir.resolve("header.csv"), "text,label\n\n");
        assertEquals("the file has a header row but no records",
                assertFailsAt(EmptyCorpusException.class, header, 0, () -> readAll(header)).reason());
    }

    @Test
    void skipInvalidSkipsRaggedAndIncompleteRows() {
        Path f = write(dir.resolve("in.csv"), "text,label\na,p\nb\nc,\nd,n\n");
        ReadOptions o = options(FieldMapping.DEFAULT.withLabelField("label")).withSkipInvalid(true);
        try (RecordReader r = CorpusReaders.open(f, o)) {
            assertEquals(List.of("2", "5"), ids(Fixtures.drain(r)));
            assertEquals(List.of(new SkippedRecord("in.csv", 3, "expected 2 fields [text, label] but found 1"),
                    new SkippedRecord("in.csv", 4, "the label field 'label' is empty")), r.report().skippedRecords());
            assertEquals(2, r.report().skipped());
        }
    }

    @Test
    void bomCrlfAndGzip() {
        Path f = writeBytes(dir.resolve("in.csv"), bytes(b(0xEF, 0xBB, 0xBF), "text,label\r\n\"x\r\ny\",p\r\nz,n\r\n"));
        List<Record> records = readAll(f, options(FieldMapping.DEFAULT.withLabelField("label")));
        assertEquals(List.of("2", "4"), ids(records));
        assertEquals(List.of("x\ny", "z"), texts(records));
        Path gz = Fixtures.gzip(dir.resolve("in.csv.gz"), "text,label\nq,p\n\"r,s\",n\n");
        try (RecordReader r = CorpusReaders.open(gz)) {
            assertEquals(CorpusFormat.CSV, r.format());
            List<Record> g = Fixtures.drain(r);
            assertEquals(List.of("q", "r,s"), texts(g));
            assertEquals(Map.of("label", "n"), g.get(1).attributes());
        }
    }
}
