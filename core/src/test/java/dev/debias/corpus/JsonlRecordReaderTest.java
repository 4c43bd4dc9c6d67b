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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlRecordReaderTest {
    @TempDir
    Path dir;

    private static final FieldMapping LABELLED = FieldMapping.DEFAULT.withLabelField("label")
            .withGroupFields(List.of("gender"));

    @Test
    void readsRecordsWithLineNumberIdsLabelsGroupsAndAttributesInInputOrder() {
        Path f = write(dir.resolve("in.jsonl"),
                "{\"zeta\":\"z\",\"text\":\"She is a nurse.\",\"label\":\"pos\",\"gender\":\"f\",\"alpha\":\"a\"}\n"
                        + "\n"
                        + "{\"text\":\"He codes.\",\"gender\":\"m\",\"label\":\"neg\",\"weight\":2}\n");
        try (RecordReader r = CorpusReaders.open(f, options(LABELLED))) {
            assertEquals(CorpusFormat.JSONL, r.format());
            assertEquals(f, r.source());
            List<Record> records = Fixtures.drain(r);
            assertEquals(List.of("1", "3"), ids(records));
            assertEquals(List.of("She is a nurse.", "He codes."), texts(records));
            Record first = records.get(0);
            assertEquals("pos", first.label());
            assertEquals(List.of("zeta", "gender", "alpha"), keys(first));
            assertEquals(Map.of("zeta", "z", "gender", "f", "alpha", "a"), first.attributes());
            assertEquals(Provenance.original("in.jsonl:1"), first.provenance());
            Record second = records.get(1);
            assertEquals("neg", second.label());
            assertEquals(List.of("gender", "weight"), keys(second));
            assertEquals("2", second.attributes().get("weight"));
            assertEquals(Provenance.original("in.jsonl:3"), second.provenance());
            assertEquals(2, r.report().records());
            assertEquals(1, r.report().blankLines());
            assertEquals(0, r.report().skipped());
            assertEquals(r.bytesTotal(), r.bytesRead());
            assertFalse(r.hasNext());
            assertThrows(NoSuchElementException.class, r::next);
        }
    }

    @Test
    void idFieldTextFieldAndScalarsAsTheirWrittenForm() {
        Path f = write(dir.resolve("in.jsonl"),
                "{\"doc\":17,\"body\":\"x\",\"score\":1.50,\"big\":1e3,\"ok\":true,\"no\":false,\"neg\":-0}\n"
                        + "{\"doc\":\"b-2\",\"body\":\"y\"}\n");
        List<Record> records = readAll(f, options(new FieldMapping("body", null, List.of(), "doc")));
        assertEquals(List.of("17", "b-2"), ids(records));
        assertEquals(List.of("x", "y"), texts(records));
        Record r = records.get(0);
        assertNull(r.label());
        assertEquals(List.of("score", "big", "ok", "no", "neg"), keys(r));
        assertEquals("1.50", r.attributes().get("score"));
        assertEquals("1e3", r.attributes().get("big"));
        assertEquals("true", r.attributes().get("ok"));
        assertEquals("false", r.attributes().get("no"));
        assertEquals("-0", r.attributes().get("neg"));
        assertEquals(Map.of(), records.get(1).attributes());
    }

    @Test
    void nestedValuesBecomeCompactJsonAndNullIsAbsent() {
        Path f = write(dir.resolve("in.jsonl"),
                "{ \"text\" : \"t\", \"meta\" : { \"a\" : [1, 2, {\"b\": null}], \"c\" : \"d\" }, \"tags\": [ ], \"gone\": null }\n");
        Record r = readAll(f).get(0);
        assertEquals(List.of("meta", "tags"), keys(r));
        assertEquals("{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}", r.attributes().get("meta"));
        assertEquals("[]", r.attributes().get("tags"));
        assertFalse(r.attributes().containsKey("gone"));
    }

    @Test
    void unicodeEscapesAndEmptyTextAreKept() {
        Path f = write(dir.resolve("in.jsonl"),
                "{\"text\":\"caf\\u00e9 \\\"q\\\" \\t tab \\n nl 😀 日本\"}\n{\"text\":\"\"}\n");
        List<Record> records = readAll(f);
        assertEquals(List.of("café \"q\" \t tab \n nl 😀 日本", ""), texts(records));
    }

    @Test
    void nullTextIsAMissingTextField() {
        Path f = write(dir.resolve("in.jsonl"), "{\"text\":\"a\"}\n{\"text\":null,\"body\":\"b\",\"x\":null}\n");
        var e = assertFailsAt(InvalidRecordException.class, f, 2, () -> readAll(f));
        assertEquals("no field 'text'; fields present: [body] (name the text field with setting 'text field')", e.reason());
    }

    @Test
    void malformedJsonOnTheThirdLineNamesLineThree() {
        Path f = write(dir.resolve("broken.jsonl"),
                "{\"text\":\"one\"}\n{\"text\":\"two\"}\n{\"text\": \"three\",}\n{\"text\":\"four\"}\n");
        try (RecordReader r = CorpusReaders.open(f)) {
            assertEquals("one", r.next().text());
            assertEquals("two", r.next().text());
            var e = assertFailsAt(InvalidRecordException.class, f, 3, r::hasNext);
            assertTrue(e.reason().startsWith("malformed JSON: "), e.reason());
            assertContains(e.getMessage(), "broken.jsonl:3: malformed JSON");
        }
    }

    @Test
    void truncatedObjectIsMalformed() {
        Path f = write(dir.resolve("in.jsonl"), "{\"text\":\"a\"}\n\n{\"text\":\"b\"\n");
        var e = assertFailsAt(InvalidRecordException.class, f, 3, () -> readAll(f));
        assertTrue(e.reason().startsWith("malformed JSON: "), e.reason());
    }

    @Test
    void anArrayOrAStringOrANumberIsNotARecord() {
        Path arr = write(dir.resolve("a.jsonl"), "{\"text\":\"a\"}\n[{\"text\":\"b\"}]\n");
        assertEquals("expected a JSON object, found an array",
                assertFailsAt(InvalidRecordException.class, arr, 2, () -> readAll(arr)).reason());
        Path str = write(dir.resolve("s.jsonl"), "\"just text\"\n");
        assertEquals("expected a JSON object, found a string",
                assertFailsAt(InvalidRecordException.class, str, 1, () -> readAll(str)).reason());
        Path num = write(dir.resolve("n.jsonl"), "{\"text\":\"a\"}\n{\"text\":\"b\"}\n42\n");
        assertEquals("expected a JSON object, found a number",
                assertFailsAt(InvalidRecordException.class, num, 3, () -> readAll(num)).reason());
    }

    @Test
    void contentAfterTheObjectIsAnError() {
        Path f = write(dir.resolve("in.jsonl"), "{\"text\":\"a\"}\n{\"text\":\"b\"} {\"text\":\"c\"}\n");
        var e = assertFailsAt(InvalidRecordException.class, f, 2, () -> readAll(f));
        assertEquals("unexpected content after the JSON object at column 14", e.reason());
        Path garbage = write(dir.resolve("g.jsonl"), "{\"text\":\"a\"} trailing\n");
        var g = assertFailsAt(InvalidRecordException.class, garbage, 1, () -> readAll(garbage));
        assertTrue(g.reason().startsWith("malformed JSON: "), g.reason());
    }

    @Test
    void aStringOfTwentyFiveMillionCharactersIsRead() {
        // Jackson's default limit on one string is 20,000,000 characters; lines up to 64 MiB are promised
        String text = "She is a nurse. ".repeat(1_562_500);
        Path f = write(dir.resolve("big.jsonl"), "{\"id\":\"a\",\"text\":\"" + text + "\"}\n{\"id\":\"b\",\"text\":\"x\"}\n");
        List<Record> records = readAll(f);
        assertEquals(2, records.size());
        assertEquals(text.length(), records.get(0).text().length());
    }

    @Test
    void aParserLimitIsAnErrorNamingFileAndLine() {
        // nesting deeper than the parser allows (a limit that stays) must name the line, not crash
        String deep = "[".repeat(5000) + "]".repeat(5000);
        Path f = write(dir.resolve("deep.jsonl"), "{\"text\":\"a\"}\n{\"text\":\"b\",\"m\":" + deep + "}\n");
        var e = assertFailsAt(InvalidRecordException.class, f, 2, () -> readAll(f));
        assertContains(e.reason(), "exceeds a limit of the JSON parser");
        assertContains(e.reason(), "nesting depth");
    }

    @Test
    void aLongNumberKeepsItsWrittenForm() {
        String digits = "7".repeat(5000);
        Path f = write(dir.resolve("n.jsonl"), "{\"text\":\"a\",\"n\":" + digits + "}\n");
        assertEquals(digits, readAll(f).get(0).attributes().get("n"));
    }

    @Test
    void duplicateKeysAreAnError() {
        Path f = write(dir.resolve("in.jsonl"), "{\"text\":\"a\"}\n{\"text\":\"b\",\"label\":\"x\",\"text\":\"c\"}\n");
        var e = assertFailsAt(InvalidRecordException.class, f, 2, () -> readAll(f));
        assertContains(e.reason(), "malformed JSON: Duplicate field 'text'");
        Path nested = write(dir.resolve("nested.jsonl"), "{\"text\":\"a\",\"m\":{\"k\":1,\"k\":2}}\n");
        assertContains(assertFailsAt(InvalidRecordException.class, nested, 1, () -> readAll(nested)).reason(),
                "Duplicate field 'k'");
    }

    @Test
    void missingTextFieldListsTheFieldsPresentAndHintsTheOption() {
        Path f = write(dir.resolve("in.jsonl"), "{\"text\":\"a\"}\n{\"body\":\"b\",\"label\":\"x\"}\n");
        var e = assertFailsAt(InvalidRecordException.class, f, 2, () -> readAll(f));
        assertEquals("no field 'text'; fields present: [body, label] (name the text field with setting 'text field')", e.reason());
    }

    @Test
    void missingOrEmptyLabelIsAnError() {
        FieldMapping m = FieldMapping.DEFAULT.withLabelField("label");
        Path missing = write(dir.resolve("m.jsonl"), "{\"text\":\"a\",\"label\":\"p\"}\n{\"text\":\"b\"}\n");
        assertEquals("no label field 'label'; fields present: [text] (named by setting 'label field')",
                assertFailsAt(InvalidRecordException.class, missing, 2, () -> readAll(missing, options(m))).reason());
        Path nul = write(dir.resolve("n.jsonl"), "{\"text\":\"b\",\"label\":null}\n");
        assertEquals("no label field 'label'; fields present: [text] (named by setting 'label field')",
                assertFailsAt(InvalidRecordException.class, nul, 1, () -> readAll(nul, options(m))).reason());
        Path empty = write(dir.resolve("e.jsonl"), "{\"text\":\"a\",\"label\":\"p\"}\n\n{\"text\":\"b\",\"label\":\" \"}\n");
        assertEquals("the label field 'label' is empty",
                assertFailsAt(InvalidRecordException.class, empty, 3, () -> readAll(empty, options(m))).reason());
    }

    @Test
    void missingGroupOrIdFieldIsAnError() {
        Path f = write(dir.resolve("in.jsonl"), "{\"text\":\"a\",\"gender\":\"f\",\"id\":\"a1\"}\n{\"text\":\"b\",\"id\":\"b1\"}\n");
        FieldMapping groups = FieldMapping.DEFAULT.withGroupFields(List.of("gender"));
        assertEquals("no group field 'gender'; fields present: [text, id] (named by setting 'group field')",
                assertFailsAt(InvalidRecordException.class, f, 2, () -> readAll(f, options(groups))).reason());
        Path g = write(dir.resolve("g.jsonl"), "{\"text\":\"a\",\"gender\":\"f\"}\n{\"text\":\"b\",\"gender\":\"m\"}\n");
        FieldMapping id = FieldMapping.DEFAULT.withIdField("id");
        assertEquals("no id field 'id'; fields present: [text, gender] (named by setting 'id field')",
                assertFailsAt(InvalidRecordException.class, g, 1, () -> readAll(g, options(id))).reason());
    }

    @Test
    void invalidUtf8NamesItsLine() {
        Path f = writeBytes(dir.resolve("in.jsonl"), bytes("{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"text\":\"caf",
                b(0xE9), "\"}\n{\"text\":\"d\"}\n"));
        try (RecordReader r = CorpusReaders.open(f)) {
            assertEquals("a", r.next().text());
            assertEquals("b", r.next().text());
            var e = assertFailsAt(CorpusFormatException.class, f, 3, r::hasNext);
            assertContains(e.reason(), "invalid UTF-8 (byte 0xE9 at byte column 13)");
        }
    }

    @Test
    void emptyFileAndBlankOnlyFileAreEmptyCorpora() {
        Path empty = write(dir.resolve("empty.jsonl"), "");
        assertEquals("the file is empty (no JSON lines)",
                assertFailsAt(EmptyCorpusException.class, empty, 0, () -> readAll(empty)).reason());
        Path blank = write(dir.resolve("blank.jsonl"), "\n  \n\t\n");
        assertFailsAt(EmptyCorpusException.class, blank, 0, () -> readAll(blank));
    }

    @Test
    void missingFileFailsAtOpen() {
        Path f = dir.resolve("nope.jsonl");
        assertEquals("no such file",
                assertFailsAt(CorpusFormatException.class, f, 0, () -> CorpusReaders.open(f)).reason());
    }

    @Test
    void provenanceObjectIsReadBackAndIsNotAnAttribute() {
        Path f = write(dir.resolve("in.jsonl"), "{\"id\":\"7-cf\",\"text\":\"t\",\"provenance\":"
                + "{\"source\":\"orig.jsonl:7\",\"parent\":\"7\",\"transform\":\"counterfactual:gender\"}}\n"
                + "{\"id\":\"8\",\"text\":\"u\",\"provenance\":{\"source\":\"orig.jsonl:8\"}}\n");
        List<Record> records = readAll(f, options(FieldMapping.DEFAULT.withIdField("id")));
        assertEquals(new Provenance("orig.jsonl:7", "7", "counterfactual:gender"), records.get(0).provenance());
        assertEquals(Provenance.original("orig.jsonl:8"), records.get(1).provenance());
        assertEquals(Map.of(), records.get(0).attributes());
        Path bad = write(dir.resolve("bad.jsonl"), "{\"text\":\"t\",\"provenance\":{\"source\":\"s\",\"parent\":\"1\"}}\n");
        assertContains(assertFailsAt(InvalidRecordException.class, bad, 1, () -> readAll(bad)).reason(),
                "the provenance object needs 'source'");
    }

    @Test
    void skipInvalidCountsEveryBadLineWithItsReason() {
        Path f = write(dir.resolve("in.jsonl"), "{\"text\":\"a\",\"label\":\"p\"}\n"
                + "{\"text\":\"b\"}\n"
                + "not json\n"
                + "\n"
                + "{\"text\":\"c\",\"label\":\"n\"}\n"
                + "[1]\n");
        ReadOptions o = options(FieldMapping.DEFAULT.withLabelField("label")).withSkipInvalid(true);
        try (RecordReader r = CorpusReaders.open(f, o)) {
            List<Record> records = Fixtures.drain(r);
            assertEquals(List.of("1", "5"), ids(records));
            ReadReport rep = r.report();
            assertEquals(2, rep.records());
            assertEquals(3, rep.skipped());
            assertEquals(1, rep.blankLines());
            List<SkippedRecord> s = rep.skippedRecords();
            assertEquals(3, s.size());
            assertEquals(new SkippedRecord("in.jsonl", 2, "no label field 'label'; fields present: [text] (named by setting 'label field')"), s.get(0));
            assertEquals("in.jsonl", s.get(1).file());
            assertEquals(3, s.get(1).line());
            assertTrue(s.get(1).reason().startsWith("malformed JSON: "), s.get(1).reason());
            assertEquals(new SkippedRecord("in.jsonl", 6, "expected a JSON object, found an array"), s.get(2));
            assertEquals("in.jsonl:6: expected a JSON object, found an array", s.get(2).toString());
        }
    }

    @Test
    void skipInvalidWithEveryRecordInvalidIsAnEmptyCorpus() {
        Path f = write(dir.resolve("in.jsonl"), "{\"body\":\"a\"}\n[]\n");
        var e = assertFailsAt(EmptyCorpusException.class, f, 0, () -> readAll(f, ReadOptions.defaults().withSkipInvalid(true)));
        assertEquals("all 2 records were invalid and skipped; the first: in.jsonl:1: no field 'text'; fields present: [body]"
                + " (name the text field with setting 'text field')", e.reason());
    }

    @Test
    void invalidUtf8IsNotSkippable() {
        Path f = writeBytes(dir.resolve("in.jsonl"), bytes("{\"text\":\"a\"}\n{\"text\":\"", b(0xC3, 0x28), "\"}\n"));
        assertFailsAt(CorpusFormatException.class, f, 2, () -> readAll(f, ReadOptions.defaults().withSkipInvalid(true)));
    }

    @Test
    void bomAndCrlfAreHandled() {
        Path f = writeBytes(dir.resolve("in.jsonl"), bytes(b(0xEF, 0xBB, 0xBF), "{\"text\":\"a\"}\r\n\r\n{\"text\":\"b\\r\"}\r\n"));
        try (RecordReader r = CorpusReaders.open(f)) {
            List<Record> records = Fixtures.drain(r);
            assertEquals(List.of("1", "3"), ids(records));
            assertEquals(List.of("a", "b\r"), texts(records));
            assertEquals(1, r.report().blankLines());
        }
    }

    @Test
    void gzipInputIsDecompressedAndLinesStayExact() {
        Path f = Fixtures.gzip(dir.resolve("in.jsonl.gz"), "{\"text\":\"a\"}\n{\"text\":\"b\"}\n{oops}\n");
        try (RecordReader r = CorpusReaders.open(f)) {
            assertEquals(CorpusFormat.JSONL, r.format());
            assertEquals("a", r.next().text());
            assertEquals("b", r.next().text());
            assertFailsAt(InvalidRecordException.class, f, 3, r::hasNext);
        }
        Path ok = Fixtures.gzip(dir.resolve("ok.JSONL.GZ"), "{\"text\":\"x\"}\n");
        assertEquals(List.of("x"), texts(readAll(ok)));
    }

    @Test
    void emptyOrCorruptGzipFailsWithAPlace() {
        Path empty = write(dir.resolve("empty.jsonl.gz"), "");
        assertFailsAt(EmptyCorpusException.class, empty, 0, () -> readAll(empty));
        Path notGzip = write(dir.resolve("plain.jsonl.gz"), "{\"text\":\"a\"}\n");
        assertContains(assertFailsAt(CorpusFormatException.class, notGzip, 0, () -> readAll(notGzip)).reason(),
                "not a valid gzip file");
    }

    @Test
    void truncatedGzipIsAFormatErrorAfterTheRecordsBeforeIt() {
        Path whole = Fixtures.gzip(dir.resolve("whole.jsonl.gz"), "{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
        byte[] bytes = java.util.Arrays.copyOf(Fixtures.readBytes(whole), Fixtures.readBytes(whole).length - 4);
        Path cut = writeBytes(dir.resolve("cut.jsonl.gz"), bytes);
        try (RecordReader r = CorpusReaders.open(cut)) {
            assertEquals("a", r.next().text());
            assertEquals("b", r.next().text());
            var e = assertFailsAt(CorpusFormatException.class, cut, 3, r::hasNext);
            assertEquals("the gzip data is corrupt or cut short; is the file complete?", e.reason());
        }
        Path csv = writeBytes(dir.resolve("cut.csv.gz"), java.util.Arrays.copyOf(
                Fixtures.readBytes(Fixtures.gzip(dir.resolve("w.csv.gz"), "text\na\nb\n")), bytes.length / 2));
        assertContains(assertThrows(CorpusFormatException.class, () -> readAll(csv)).getMessage(),
                "the gzip data is corrupt or cut short");
    }

    @Test
    void explicitFormatOverridesTheExtension() {
        Path f = write(dir.resolve("records.data"), "{\"text\":\"a\"}\n");
        assertEquals(List.of("a"), texts(readAll(f, ReadOptions.defaults().withFormat(CorpusFormat.JSONL))));
    }

    @Test
    void streamReturnsTheRemainingRecords() {
        Path f = write(dir.resolve("in.jsonl"), "{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"text\":\"c\"}\n");
        try (RecordReader r = CorpusReaders.open(f)) {
            r.next();
            assertEquals(List.of("b", "c"), r.stream().map(Record::text).toList());
            assertEquals(3, r.report().records());
        }
    }
}
