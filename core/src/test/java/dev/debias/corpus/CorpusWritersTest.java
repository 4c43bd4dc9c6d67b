package dev.debias.corpus;

import dev.debias.core.AtomicFile;

import static dev.debias.corpus.Fixtures.assertContains;
import static dev.debias.corpus.Fixtures.assertFailsAt;
import static dev.debias.corpus.Fixtures.options;
import static dev.debias.corpus.Fixtures.read;
import static dev.debias.corpus.Fixtures.readAll;
import static dev.debias.corpus.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.debias.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusWritersTest {
    @TempDir
    Path dir;

    @Test
    void anExistingDirectoryIsNotAnOutputFile() throws IOException {
        Path target = Files.createDirectory(dir.resolve("out.jsonl"));
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> CorpusWriters.open(target));
        assertEquals(target + ": is a directory; name an output file", e.getMessage());
    }

    @Test
    void theLabelFieldCannotAlsoBeAGroupField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FieldMapping.DEFAULT.withLabelField("gender").withGroupFields(List.of("gender")));
        assertEquals("the label field 'gender' cannot also be a group field", e.getMessage());
    }

    private static Map<String, String> attrs(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Record rec(String id, String text, String label, Map<String, String> attributes) {
        return new Record(id, text, label, attributes, Provenance.original("src.jsonl:" + id));
    }

    private List<String> filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ---- commit semantics ----

    @Test
    void nothingAppearsUntilCommitAndTheTempFileIsMovedIntoPlace() throws IOException {
        Path out = dir.resolve("out/sub/result.jsonl");
        try (RecordWriter w = CorpusWriters.open(out)) {
            assertEquals(out.toAbsolutePath(), w.target());
            w.write(Record.of("1", "one"));
            w.write(Record.of("2", "two"));
            assertFalse(Files.exists(out));
            List<String> during = filesIn(out.getParent());
            assertEquals(1, during.size());
            assertTrue(during.get(0).startsWith(".result.jsonl.") && during.get(0).endsWith(".partial"), during.toString());
            assertEquals(2, w.written());
            w.commit();
            w.commit();
            assertThrows(IllegalStateException.class, () -> w.write(Record.of("3", "three")));
        }
        assertEquals("{\"id\":\"1\",\"text\":\"one\"}\n{\"id\":\"2\",\"text\":\"two\"}\n", read(out));
        assertEquals(List.of("result.jsonl"), filesIn(out.getParent()));
    }

    @Test
    void closeWithoutCommitLeavesNoTargetAndNoTempFile() throws IOException {
        for (String name : List.of("a.jsonl", "a.csv", "a.tsv", "a.csv.gz")) {
            Path out = dir.resolve(name);
            try (RecordWriter w = CorpusWriters.open(out)) {
                w.write(Record.of("1", "one"));
            }
            assertFalse(Files.exists(out), name);
        }
        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void anExistingTargetIsReplacedOnlyOnCommit() throws IOException {
        Path out = write(dir.resolve("out.csv"), "old content\n");
        try (RecordWriter w = CorpusWriters.open(out)) {
            w.write(Record.of("1", "new"));
        }
        assertEquals("old content\n", read(out));
        try (RecordWriter w = CorpusWriters.open(out)) {
            w.write(Record.of("1", "new"));
            assertEquals("old content\n", read(out));
            w.commit();
        }
        assertEquals("id,text\n1,new\n", read(out));
        assertEquals(List.of("out.csv"), filesIn(dir));
    }

    @Test
    void failedWriteThenCloseDiscardsTheOutput() throws IOException {
        Path out = dir.resolve("out.tsv");
        try (RecordWriter w = CorpusWriters.open(out)) {
            w.write(Record.of("1", "fine"));
            assertThrows(CorpusFormatException.class, () -> w.write(Record.of("2", "has\ttab")));
        }
        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void textAndDirAreNotWritableAndADirectoryTargetIsRefused() throws IOException {
        assertThrows(InvalidInputException.class, () -> CorpusWriters.open(dir.resolve("out.txt")));
        assertThrows(InvalidInputException.class, () -> CorpusWriters.open(dir.resolve("out.unknown")));
        Path d = Files.createDirectories(dir.resolve("taken.jsonl"));
        assertThrows(InvalidInputException.class, () -> CorpusWriters.open(d));
        assertEquals("is a directory; name an output file", assertFailsAt(CorpusFormatException.class, d, 0,
                () -> CorpusWriters.open(d, WriteOptions.defaults().withFormat(CorpusFormat.JSONL))).reason());
        assertEquals(List.of("taken.jsonl"), filesIn(dir));
    }

    // ---- JSON Lines ----

    @Test
    void jsonlWritesFieldsInOrderAndProvenanceOnlyForDerivedRecords() throws IOException {
        Record original = rec("7", "She is a doctor.", "pos", attrs("gender", "f", "note", "ü \"q\""));
        Record derived = original.derive("7-cf", "He is a doctor.", "counterfactual:gender").withAttribute("gender", "m");
        Record unlabelled = new Record("8", "line\nbreak\ttab", null, Map.of(), Provenance.original("x"));
        Path out = dir.resolve("out.jsonl");
        try (RecordWriter w = CorpusWriters.open(out)) {
            w.write(original);
            w.write(derived);
            w.write(unlabelled);
            w.commit();
        }
        assertEquals("{\"id\":\"7\",\"text\":\"She is a doctor.\",\"label\":\"pos\",\"gender\":\"f\",\"note\":\"ü \\\"q\\\"\"}\n"
                + "{\"id\":\"7-cf\",\"text\":\"He is a doctor.\",\"label\":\"pos\",\"gender\":\"m\",\"note\":\"ü \\\"q\\\"\","
                + "\"provenance\":{\"source\":\"src.jsonl:7\",\"parent\":\"7\",\"transform\":\"counterfactual:gender\"}}\n"
                + "{\"id\":\"8\",\"text\":\"line\\nbreak\\ttab\"}\n", read(out));
        FieldMapping in = new FieldMapping("text", "label", List.of(), "id");
        try (RecordReader r = CorpusReaders.open(out, ReadOptions.defaults().withFields(in).withSkipInvalid(true))) {
            List<Record> back = Fixtures.drain(r);
            assertEquals(2, back.size());
            assertEquals(new Record("7", original.text(), "pos", original.attributes(), Provenance.original("out.jsonl:1")),
                    back.get(0));
            assertEquals(derived, back.get(1));
            assertEquals(List.of(new SkippedRecord("out.jsonl", 3,
                    "no label field 'label'; fields present: [id, text] (named by setting 'label field')")), r.report().skippedRecords());
        }
    }

    @Test
    void jsonlRefusesAnAttributeNamedLikeAnOutputField() throws IOException {
        Path out = dir.resolve("out.jsonl");
        for (String name : List.of("id", "text", "label", "provenance")) {
            try (RecordWriter w = CorpusWriters.open(out)) {
                Record r = rec("1", "t", "a", attrs(name, "v"));
                Record written = name.equals("provenance") ? r.derive("2", "t", "test") : r;
                var e = assertFailsAt(CorpusFormatException.class, out.toAbsolutePath(), 0, () -> w.write(written));
                assertEquals("record " + written.id() + " has an attribute named '" + name + "', which is also the name of "
                        + "the id, text, label or provenance field of the output"
                        + (name.equals("id") ? "; if that field holds the record ids, read it with setting 'id field' id" : ""),
                        e.reason());
            }
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void jsonlWritesAnAttributeNamedLabelOrProvenanceWhenTheRecordHasNone() throws IOException {
        Path out = dir.resolve("out.jsonl");
        try (RecordWriter w = CorpusWriters.open(out)) {
            w.write(rec("1", "t", null, attrs("label", "v")));
            w.write(rec("2", "t", null, attrs("provenance", "p")));
            w.commit();
        }
        assertEquals(List.of("{\"id\":\"1\",\"text\":\"t\",\"label\":\"v\"}",
                "{\"id\":\"2\",\"text\":\"t\",\"provenance\":\"p\"}"), Files.readAllLines(out));
    }

    @Test
    void aRefusedJsonlRecordLeavesNoPartialObject() throws IOException {
        Path out = dir.resolve("out.jsonl");
        try (RecordWriter w = CorpusWriters.open(out)) {
            w.write(Record.of("1", "a"));
            assertThrows(CorpusFormatException.class, () -> w.write(rec("2", "b", null, attrs("ok", "v", "id", "x"))));
            w.write(Record.of("3", "c"));
            w.commit();
            assertEquals(2, w.written());
        }
        assertEquals("{\"id\":\"1\",\"text\":\"a\"}\n{\"id\":\"3\",\"text\":\"c\"}\n", read(out));
    }

    @Test
    void committedFilesGetTheUsualPermissionsNotThoseOfATempFile() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(dir.resolve("reference")));
        for (String name : List.of("out.jsonl", "out.csv", "out.tsv.gz")) {
            Path out = dir.resolve(name);
            try (RecordWriter w = CorpusWriters.open(out)) {
                w.write(Record.of("1", "a"));
                w.commit();
            }
            assertEquals(usual, Files.getPosixFilePermissions(out), name);
        }
        Path side = dir.resolve("side.json");
        AtomicFile.write(side, new byte[] {'x'});
        assertEquals(usual, Files.getPosixFilePermissions(side));
    }

    @Test
    void withFieldNamesOfKeepsTheInputNames() throws IOException {
        Path in = write(dir.resolve("in.jsonl"), "{\"doc\":\"d1\",\"body\":\"hello\",\"y\":\"pos\",\"g\":\"f\"}\n");
        FieldMapping m = new FieldMapping("body", "y", List.of("g"), "doc");
        Path out = dir.resolve("out.jsonl");
        try (RecordReader r = CorpusReaders.open(in, options(m));
                RecordWriter w = CorpusWriters.open(out, WriteOptions.defaults().withFieldNamesOf(m))) {
            r.forEachRemaining(rec -> {
                try {
                    w.write(rec);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            w.commit();
        }
        assertEquals("{\"doc\":\"d1\",\"body\":\"hello\",\"y\":\"pos\",\"g\":\"f\"}\n", read(out));
        WriteOptions noLabelNoId = WriteOptions.defaults().withFieldNamesOf(FieldMapping.DEFAULT.withTextField("content"));
        assertEquals(new FieldMapping("content", "label", List.of(), "id"), noLabelNoId.fields());
    }

    @Test
    void gzipOutputIsGzipAndReadsBack() throws IOException {
        Path out = dir.resolve("out.jsonl.gz");
        try (RecordWriter w = CorpusWriters.open(out)) {
            w.write(rec("a", "ünïcödé 😀", "pos", attrs("g", "f")));
            w.commit();
        }
        byte[] raw = Files.readAllBytes(out);
        assertEquals(0x1f, raw[0] & 0xFF);
        assertEquals(0x8b, raw[1] & 0xFF);
        assertEquals("{\"id\":\"a\",\"text\":\"ünïcödé 😀\",\"label\":\"pos\",\"g\":\"f\"}\n", Fixtures.gunzip(out));
        Path csv = dir.resolve("out.csv.gz");
        try (RecordWriter w = CorpusWriters.open(csv)) {
            w.write(rec("a", "x, y", "pos", attrs("g", "f")));
            w.commit();
        }
        assertEquals("id,text,label,g\na,\"x, y\",pos,f\n", Fixtures.gunzip(csv));
        List<Record> back = readAll(csv, options(new FieldMapping("text", "label", List.of("g"), "id")));
        assertEquals(List.of(new Record("a", "x, y", "pos", attrs("g", "f"), Provenance.original("out.csv.gz:2"))), back);
    }

    // ---- CSV and TSV ----

    @Test
    void csvHeaderComesFromTheFirstRecordAndQuotesWhereNeeded() throws IOException {
        Path out = dir.resolve("out.csv");
        try (RecordWriter w = CorpusWriters.open(out)) {
            w.write(rec("1", "plain", "pos", attrs("gender", "f", "age", "30")));
            w.write(rec("2", "comma, \"quote\"\nnewline", "neg", attrs("age", "41")));
            w.write(rec("3", "", null, attrs()));
            w.commit();
        }
        assertEquals("id,text,label,gender,age\n"
                + "1,plain,pos,f,30\n"
                + "2,\"comma, \"\"quote\"\"\nnewline\",neg,,41\n"
                + "3,,,,\n", read(out));
    }

    @Test
    void aLaterUnknownAttributeIsAnErrorNotDropped() throws IOException {
        for (String name : List.of("out.csv", "out.tsv")) {
            Path out = dir.resolve(name);
            try (RecordWriter w = CorpusWriters.open(out)) {
                w.write(rec("1", "a", null, attrs("gender", "f")));
                var e = assertFailsAt(CorpusFormatException.class, out.toAbsolutePath(), 0,
                        () -> w.write(rec("2", "b", null, attrs("gender", "m", "race", "x"))));
                assertEquals("record 2 has attribute 'race' that is not among the columns [gender];"
                        + " write JSON Lines, or name every column", e.reason());
                assertEquals(1, w.written());
            }
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void aLabelAfterAnUnlabelledFirstRecordIsAnError() throws IOException {
        Path out = dir.resolve("out.csv");
        try (RecordWriter w = CorpusWriters.open(out)) {
            w.write(rec("1", "a", null, attrs()));
            assertContains(assertThrows(CorpusFormatException.class, () -> w.write(rec("2", "b", "pos", attrs()))).getMessage(),
                    "record 2 has a label but the first record had none");
        }
    }

    @Test
    void fixedColumnsAndAnAttributeNamedLikeAColumn() throws IOException {
        Path out = dir.resolve("out.tsv");
        try (RecordWriter w = CorpusWriters.open(out, WriteOptions.defaults().withColumns(List.of("race", "gender")))) {
            w.write(rec("1", "a", "p", attrs("gender", "f")));
            w.write(rec("2", "b", "n", attrs("race", "x", "gender", "m")));
            w.commit();
        }
        assertEquals("id\ttext\tlabel\trace\tgender\n1\ta\tp\t\tf\n2\tb\tn\tx\tm\n", read(out));
        Path clash = dir.resolve("clash.csv");
        try (RecordWriter w = CorpusWriters.open(clash)) {
            assertContains(assertThrows(CorpusFormatException.class, () -> w.write(rec("1", "a", null, attrs("text", "x"))))
                    .getMessage(), "would name a column twice");
        }
    }

    @Test
    void tsvRefusesTabsAndLineBreaksAndWritesNoPartialRow() throws IOException {
        Path out = dir.resolve("out.tsv");
        try (RecordWriter w = CorpusWriters.open(out)) {
            w.write(rec("1", "ok", null, attrs("a", "x")));
            for (String bad : List.of("tab\there", "new\nline", "carriage\rreturn")) {
                var e = assertFailsAt(CorpusFormatException.class, out.toAbsolutePath(), 0,
                        () -> w.write(rec("2", "fine", null, attrs("a", bad))));
                assertEquals("record 2: a value holds a tab or line break, which TSV cannot hold; write CSV or JSON Lines instead",
                        e.reason());
            }
            w.write(rec("3", "also ok", null, attrs("a", "y")));
            w.commit();
            assertEquals(2, w.written());
        }
        assertEquals("id\ttext\ta\n1\tok\tx\n3\talso ok\ty\n", read(out));
    }

    @Test
    void aRefusedFirstRecordDoesNotFixTheHeader() throws IOException {
        Path out = dir.resolve("out.tsv");
        try (RecordWriter w = CorpusWriters.open(out)) {
            assertThrows(CorpusFormatException.class, () -> w.write(rec("1", "a", null, attrs("text", "x"))));
            assertThrows(CorpusFormatException.class, () -> w.write(rec("2", "a", null, attrs("bad\tname", "x"))));
            w.write(rec("3", "ok", "pos", attrs("g", "f")));
            w.commit();
            assertEquals(1, w.written());
        }
        assertEquals("id\ttext\tlabel\tg\n3\tok\tpos\tf\n", read(out));
    }

    @Test
    void provenanceColumnsOnRequest() throws IOException {
        Record original = rec("1", "She runs", "pos", attrs("gender", "f"));
        Record derived = original.derive("1-cf", "He runs", "counterfactual:gender").withAttribute("gender", "m");
        Path out = dir.resolve("out.csv");
        try (RecordWriter w = CorpusWriters.open(out, WriteOptions.defaults().withProvenanceColumns(true))) {
            w.write(original);
            w.write(derived);
            w.commit();
        }
        assertEquals("id,text,label,gender,provenance_source,provenance_parent,provenance_transform\n"
                + "1,She runs,pos,f,src.jsonl:1,,\n"
                + "1-cf,He runs,pos,m,src.jsonl:1,1,counterfactual:gender\n", read(out));
        Path tsv = dir.resolve("out.tsv");
        try (RecordWriter w = CorpusWriters.open(tsv, WriteOptions.defaults().withFormat(CorpusFormat.TSV)
                .withProvenanceColumns(true))) {
            w.write(derived);
            w.commit();
        }
        assertEquals("id\ttext\tlabel\tgender\tprovenance_source\tprovenance_parent\tprovenance_transform\n"
                + "1-cf\tHe runs\tpos\tm\tsrc.jsonl:1\t1\tcounterfactual:gender\n", read(tsv));
    }

    @Test
    void explicitFormatIgnoresTheExtension() throws IOException {
        Path out = dir.resolve("out.data");
        try (RecordWriter w = CorpusWriters.open(out, WriteOptions.defaults().withFormat(CorpusFormat.CSV))) {
            w.write(Record.of("1", "x"));
            w.commit();
        }
        assertEquals("id,text\n1,x\n", read(out));
    }

    @Test
    void atomicFileWriteReplacesContent() throws IOException {
        Path out = write(dir.resolve("f.json"), "old");
        AtomicFile.write(out, "new".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("new", read(out));
        assertEquals(List.of("f.json"), filesIn(dir));
    }
}
