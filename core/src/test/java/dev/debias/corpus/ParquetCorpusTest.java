package dev.debias.corpus;

import static dev.debias.corpus.Fixtures.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetCorpusTest {
    @TempDir
    Path dir;

    private static final FieldMapping ID_LABEL = FieldMapping.DEFAULT.withLabelField("label").withIdField("id");

    private static List<Record> sample() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("gender", "female");
        a.put("note", "");                      // empty, not absent
        Map<String, String> b = new LinkedHashMap<>();
        b.put("gender", "männlich 👨‍⚕️");        // Unicode beyond the BMP
        return List.of(
                new Record("r1", "Sie ist Ärztin. 患者", "doctor", a, Provenance.original("x")),
                new Record("r2", "", "nurse", b, Provenance.original("x")),   // empty text; 'note' absent
                new Record("r3", "line\nbreak\ttab \"quoted\"", "nurse", Map.of(), Provenance.original("x")));
    }

    private static Path writeCorpus(Path file, List<Record> records, long rowGroupBytes) throws IOException {
        try (RecordWriter w = new ParquetRecordWriter(file, WriteOptions.defaults(), rowGroupBytes)) {
            for (Record r : records) {
                w.write(r);
            }
            w.commit();
        }
        return file;
    }

    @Test
    void roundTripKeepsEveryFieldEmptyStringsAbsentFieldsAndUnicode() throws IOException {
        Path f = dir.resolve("out.parquet");
        try (RecordWriter w = CorpusWriters.open(f)) {
            for (Record r : sample()) {
                w.write(r);
            }
            assertFalse(Files.exists(f), "nothing is published before commit");
            w.commit();
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "no temporary file is left");
        }
        try (ParquetFileReader pf = ParquetFileReader.open(new LocalInputFile(f))) {
            MessageType s = pf.getFooter().getFileMetaData().getSchema();
            assertEquals(List.of("id", "text", "label", "gender", "note"),
                    s.getFields().stream().map(t -> t.getName()).toList(), "the writers' column order");
            assertTrue(s.getFields().stream().allMatch(t -> t.isRepetition(org.apache.parquet.schema.Type.Repetition.OPTIONAL)
                    && t.getLogicalTypeAnnotation() == LogicalTypeAnnotation.stringType()));
        }
        List<Record> back = Fixtures.readAll(f, Fixtures.options(ID_LABEL));
        assertEquals(sample().size(), back.size());
        for (int i = 0; i < back.size(); i++) {
            Record e = sample().get(i);
            Record a = back.get(i);
            assertEquals(e.id(), a.id());
            assertEquals(e.text(), a.text());
            assertEquals(e.label(), a.label());
            assertEquals(e.attributes(), a.attributes());
            assertEquals(List.copyOf(e.attributes().keySet()), List.copyOf(a.attributes().keySet()));
            assertEquals(Provenance.original("out.parquet:" + (i + 1)), a.provenance());
        }
        assertEquals("", back.get(0).attributes().get("note"));
        assertNull(back.get(1).attributes().get("note"));
    }

    @Test
    void discardsTheOutputWhenNotCommittedAndWritesAValidFileWithoutRecords() throws IOException {
        Path f = dir.resolve("gone.parquet");
        try (RecordWriter w = CorpusWriters.open(f)) {
            w.write(sample().get(0));
        }
        assertFalse(Files.exists(f));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        Path empty = dir.resolve("empty.parquet");
        try (RecordWriter w = CorpusWriters.open(empty)) {
            w.commit();
        }
        EmptyCorpusException e = assertThrows(EmptyCorpusException.class, () -> Fixtures.readAll(empty));
        assertContains(e.getMessage(), "holds no rows");
    }

    @Test
    void refusesARecordThatDoesNotFitTheColumnsOfTheFirst() throws IOException {
        Path f = dir.resolve("x.parquet");
        try (RecordWriter w = CorpusWriters.open(f)) {
            w.write(Record.of("a", "one"));
            CorpusFormatException e = assertThrows(CorpusFormatException.class,
                    () -> w.write(Record.of("b", "two").withAttribute("extra", "1")));
            assertContains(e.getMessage(), "'extra' that is not among the columns");
        }
        assertFalse(Files.exists(f));
    }

    @Test
    void readsNumericBooleanAndNestedColumnsAsTheJsonlReaderDoes() throws IOException {
        MessageType schema = Types.buildMessage()
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("text")
                .optional(PrimitiveTypeName.INT64).named("count")
                .optional(PrimitiveTypeName.DOUBLE).named("score")
                .optional(PrimitiveTypeName.BOOLEAN).named("toxic")
                .optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.decimalType(2, 9)).named("price")
                .optionalList().optionalElement(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                .named("tags")
                .optionalGroup().optional(PrimitiveTypeName.INT32).named("start")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("who").named("span")
                .named("row");
        Path f = dir.resolve("typed.parquet");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(f))
                .withConf(new PlainParquetConfiguration()).withType(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
            Group g = new SimpleGroup(schema);
            g.add("text", "first");
            g.add("count", 42L);
            g.add("score", 0.25);
            g.add("toxic", true);
            g.add("price", 1999);
            Group tags = g.addGroup("tags");
            tags.addGroup("list").add("element", "a");
            tags.addGroup("list");                       // a null element
            tags.addGroup("list").add("element", "b\"c");
            g.addGroup("span").append("start", 3);       // 'who' null
            w.write(g);
            Group h = new SimpleGroup(schema);
            h.add("text", "second");                     // every other column null
            w.write(h);
        }
        List<Record> rs = Fixtures.readAll(f);
        Map<String, String> first = rs.get(0).attributes();
        assertEquals("42", first.get("count"));
        assertEquals("0.25", first.get("score"));
        assertEquals("true", first.get("toxic"));
        assertEquals("19.99", first.get("price"));
        assertEquals("[\"a\",null,\"b\\\"c\"]", first.get("tags"));
        assertEquals("{\"start\":3,\"who\":null}", first.get("span"));
        assertEquals(List.of("count", "score", "toxic", "price", "tags", "span"), List.copyOf(first.keySet()));
        assertEquals(Map.of(), rs.get(1).attributes(), "nulls are absent");
        assertEquals(List.of("1", "2"), Fixtures.ids(rs));
    }

    @Test
    void streamsAFileOfSeveralRowGroups() throws IOException {
        List<Record> many = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(new Record("id" + i, "text number " + i + " " + "x".repeat(i % 50), "l" + (i % 3),
                    Map.of("n", Integer.toString(i)), Provenance.original("x")));
        }
        Path f = writeCorpus(dir.resolve("groups.parquet"), many, 16 << 10);
        int groups;
        try (ParquetFileReader pf = ParquetFileReader.open(new LocalInputFile(f))) {
            groups = pf.getRowGroups().size();
        }
        assertTrue(groups >= 3, "row groups: " + groups);
        try (RecordReader r = CorpusReaders.open(f, Fixtures.options(ID_LABEL))) {
            long lastBytes = 0;
            int n = 0;
            boolean grew = false;
            while (r.hasNext()) {
                Record rec = r.next();
                assertEquals("id" + n, rec.id());
                assertEquals(Integer.toString(n), rec.attributes().get("n"));
                grew |= r.bytesRead() > lastBytes && lastBytes > 0;
                lastBytes = r.bytesRead();
                assertTrue(r.bytesRead() <= r.bytesTotal());
                n++;
            }
            assertEquals(3000, n);
            assertTrue(grew, "progress advances group by group");
            assertEquals(Files.size(f), r.bytesRead());
        }
    }

    @Test
    void namesTheRowGroupAndRowOfABadRecordAndSkipsIt() throws IOException {
        List<Record> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add(new Record("id" + i, "t" + i, i == 1500 ? null : "pos", Map.of(), Provenance.original("x")));
        }
        Path f = writeCorpus(dir.resolve("bad.parquet"), many, 8 << 10);
        // find where row 1501 of the file is
        long before = 0;
        int group = 0;
        try (ParquetFileReader pf = ParquetFileReader.open(new LocalInputFile(f))) {
            for (var b : pf.getRowGroups()) {
                group++;
                if (before + b.getRowCount() > 1500) {
                    break;
                }
                before += b.getRowCount();
            }
        }
        assertTrue(group > 1, "the bad row is past the first row group");
        String place = "row group " + group + ", row " + (1500 - before + 1) + ": ";
        InvalidRecordException e = assertThrows(InvalidRecordException.class,
                () -> Fixtures.readAll(f, Fixtures.options(ID_LABEL)));
        assertEquals(f + ": " + place + "no label field 'label'; fields present: [id, text]"
                + " (named by " + dev.debias.core.Setting.LABEL_FIELD + ")", e.getMessage());
        try (RecordReader r = CorpusReaders.open(f, Fixtures.options(ID_LABEL).withSkipInvalid(true))) {
            assertEquals(1999, Fixtures.drain(r).size());
            assertEquals(1, r.report().skipped());
            assertEquals("bad.parquet: " + place + "no label field 'label'; fields present: [id, text] (named by "
                    + dev.debias.core.Setting.LABEL_FIELD + ")", r.report().skippedRecords().get(0).toString());
        }
    }

    @Test
    void aDuplicateIdNamesBothRows() throws IOException {
        Path f = writeCorpus(dir.resolve("dup.parquet"), List.of(Record.of("a", "x"), Record.of("b", "y"),
                Record.of("a", "z")), 1 << 20);
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> Fixtures.readAll(f,
                Fixtures.options(FieldMapping.DEFAULT.withIdField("id")).withUniqueIds(true)));
        assertEquals(f + ": row group 1, row 3: the id 'a' is also the id of the record in row group 1, row 1;"
                + " ids (named by " + dev.debias.core.Setting.ID_FIELD + ") must be unique: give each record its own id",
                e.getMessage());
    }

    @Test
    void aTruncatedOrCorruptFileIsAClearError() throws IOException {
        List<Record> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(Record.of("id" + i, "some text " + i));
        }
        Path f = writeCorpus(dir.resolve("whole.parquet"), many, 4 << 10);
        byte[] bytes = Files.readAllBytes(f);
        Path cut = Fixtures.writeBytes(dir.resolve("cut.parquet"), Arrays.copyOf(bytes, bytes.length / 2));
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> Fixtures.readAll(cut));
        assertContains(e.getMessage(), cut + ": not a valid Parquet file (damaged or cut short): ");
        Path text = Fixtures.write(dir.resolve("text.parquet"), "{\"text\":\"not parquet\"}\n");
        assertContains(assertThrows(CorpusFormatException.class, () -> Fixtures.readAll(text)).getMessage(),
                "not a valid Parquet file");
        // damage the middle of a column chunk, keeping the footer: the row group is named
        byte[] damaged = bytes.clone();
        for (int i = 200; i < 1200; i++) {
            damaged[i] = (byte) 0x5a;
        }
        Path bad = Fixtures.writeBytes(dir.resolve("damaged.parquet"), damaged);
        CorpusFormatException d = assertThrows(CorpusFormatException.class, () -> Fixtures.readAll(bad));
        assertContains(d.getMessage(), bad + ": row group ");
        assertContains(Fixtures.readAll(f).get(499).text(), "some text 499");
        CorpusFormatException missing = assertThrows(CorpusFormatException.class,
                () -> Fixtures.readAll(dir.resolve("none.parquet")));
        assertContains(missing.getMessage(), "no such file");
    }
}
