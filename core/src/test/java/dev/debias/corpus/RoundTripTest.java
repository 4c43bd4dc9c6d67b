package dev.debias.corpus;

import static dev.debias.corpus.Fixtures.options;
import static dev.debias.corpus.Fixtures.readAll;
import static dev.debias.corpus.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {
    @TempDir
    Path dir;

    /** What a round trip must keep: everything but the provenance source, which names the file read. */
    private record Content(String id, String text, String label, List<Map.Entry<String, String>> attributes) {
        static Content of(Record r) {
            return new Content(r.id(), r.text(), r.label(), List.copyOf(r.attributes().entrySet()));
        }
    }

    private static List<Content> content(List<Record> records) {
        return records.stream().map(Content::of).toList();
    }

    private static Path copy(Path in, FieldMapping fields, Path out) throws IOException {
        try (RecordReader r = CorpusReaders.open(in, options(fields));
                RecordWriter w = CorpusWriters.open(out, WriteOptions.defaults().withFieldNamesOf(fields))) {
            while (r.hasNext()) {
                w.write(r.next());
            }
            w.commit();
        }
        return out;
    }

    @Test
    void jsonlToCsvToTsvToJsonlKeepsEveryRecord() throws IOException {
        Path in = write(dir.resolve("in.jsonl"),
                "{\"doc\":\"a1\",\"body\":\"Ünïcödé, \\\"quoted\\\" and 😀 日本語\",\"y\":\"pos\",\"gender\":\"f\",\"age\":\"34\",\"meta\":{\"k\":[1,2]}}\n"
                        + "{\"doc\":\"a2\",\"body\":\"  padded  \",\"y\":\"neg\",\"gender\":\"m\",\"age\":\"\",\"meta\":\"x,y\"}\n"
                        + "{\"doc\":\"a3\",\"body\":\"\",\"y\":\"neg\",\"gender\":\"nb\",\"age\":7,\"meta\":true}\n"
                        + "{\"doc\":\"a4\",\"body\":\"comma, semicolon; 'single' \\\\ backslash # hash\",\"y\":\"pos\",\"gender\":\"f\",\"age\":\"-1.5e3\",\"meta\":\"\\\"\"}\n");
        FieldMapping fields = new FieldMapping("body", "y", List.of("gender"), "doc");
        List<Record> original = readAll(in, options(fields));
        assertEquals(4, original.size());
        assertEquals(List.of("gender", "age", "meta"), List.copyOf(original.get(0).attributes().keySet()));
        assertEquals("{\"k\":[1,2]}", original.get(0).attributes().get("meta"));

        Path csv = copy(in, fields, dir.resolve("mid.csv"));
        assertEquals(content(original), content(readAll(csv, options(fields))));
        Path tsv = copy(csv, fields, dir.resolve("mid.tsv.gz"));
        assertEquals(content(original), content(readAll(tsv, options(fields))));
        Path back = copy(tsv, fields, dir.resolve("back.jsonl"));
        List<Record> end = readAll(back, options(fields));
        assertEquals(content(original), content(end));
        assertEquals(Provenance.original("back.jsonl:3"), end.get(2).provenance());
    }

    @Test
    void csvWithMultilineTextSurvivesJsonlAndBack() throws IOException {
        Path in = write(dir.resolve("in.csv"), "id,text,label\nx,\"first line\nsecond line\",a\ny,tab\there,b\n");
        FieldMapping fields = new FieldMapping("text", "label", List.of(), "id");
        List<Record> original = readAll(in, options(fields));
        assertEquals(List.of("first line\nsecond line", "tab\there"), Fixtures.texts(original));
        Path jsonl = copy(in, fields, dir.resolve("mid.jsonl"));
        Path csv = copy(jsonl, fields, dir.resolve("back.csv"));
        assertEquals(content(original), content(readAll(csv, options(fields))));
        assertEquals(Fixtures.read(in), Fixtures.read(csv));
    }

    @Test
    void derivedRecordsKeepTheirProvenanceThroughJsonl() throws IOException {
        Record parent = new Record("p", "She is kind.", "pos", Map.of("gender", "f"), Provenance.original("orig.csv:2"));
        Record child = parent.derive("p-cf", "He is kind.", "counterfactual:gender").withAttribute("gender", "m");
        Path first = dir.resolve("first.jsonl");
        try (RecordWriter w = CorpusWriters.open(first)) {
            w.write(parent);
            w.write(child);
            w.commit();
        }
        FieldMapping fields = new FieldMapping("text", "label", List.of("gender"), "id");
        Path second = copy(first, fields, dir.resolve("second.jsonl"));
        List<Record> back = readAll(second, options(fields));
        assertEquals(child, back.get(1));
        assertEquals(Provenance.original("second.jsonl:1"), back.get(0).provenance());
        assertEquals(Fixtures.read(first), Fixtures.read(second));
    }
}
