package dev.debias.corpus;

import static dev.debias.corpus.Fixtures.assertContains;
import static dev.debias.corpus.Fixtures.assertFailsAt;
import static dev.debias.corpus.Fixtures.options;
import static dev.debias.corpus.Fixtures.read;
import static dev.debias.corpus.Fixtures.readAll;
import static dev.debias.corpus.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NestedRecordsTest {
    @TempDir
    Path dir;

    static final String CHAT1 = "{\"messages\":[{\"role\":\"user\",\"content\":\"He is a nurse.\"},"
            + "{\"role\":\"assistant\",\"content\":\"Tell me more.\"}],\"meta\":{\"source\":\"x\"}}";
    static final String CHAT2 = "{\"messages\":[{\"role\":\"user\",\"content\":\"My sister\\nis a pilot.\"},"
            + "{\"role\":\"assistant\",\"content\":\"Tell me more.\"}],\"meta\":{\"source\":\"y\"},\"n\":7}";

    private static final FieldMapping CHAT = new FieldMapping("messages[*].content", null, List.of("meta.source"), null);

    @Test
    void readsEveryMessageJoinedByLineBreaksAndADottedGroupField() {
        Path f = write(dir.resolve("chat.jsonl"), CHAT1 + "\n" + CHAT2 + "\n");
        List<Record> rs = readAll(f, options(CHAT));
        // the two contents of each chat, in order, joined with one "\n"
        assertEquals("He is a nurse.\nTell me more.", rs.get(0).text());
        assertEquals("My sister\nis a pilot.\nTell me more.", rs.get(1).text());
        assertEquals("x", rs.get(0).attributes().get("meta.source"));
        assertEquals("y", rs.get(1).attribute("meta.source").orElseThrow());
        // nothing is lost: the nested values stay attributes, as their compact JSON
        assertEquals("{\"source\":\"x\"}", rs.get(0).attributes().get("meta"));
        assertEquals(CHAT1, rs.get(0).json());
        assertEquals("1", rs.get(0).id());
    }

    @Test
    void readsOneIndexAndPathsForLabelAndId() {
        Path f = write(dir.resolve("chat.jsonl"),
                "{\"m\":[{\"c\":\"a\"},{\"c\":\"b\"}],\"meta\":{\"id\":\"r1\",\"y\":{\"label\":\"pos\"}}}\n");
        Record r = readAll(f, options(new FieldMapping("m[1].c", "meta.y.label", List.of(), "meta.id"))).get(0);
        assertEquals("b", r.text());
        assertEquals("pos", r.label());
        assertEquals("r1", r.id());
    }

    @Test
    void aLiteralKeyWinsOverThePathItsNameSpells() {
        Path f = write(dir.resolve("dotted.jsonl"),
                "{\"text\":\"t\",\"meta.source\":\"literal\",\"meta\":{\"source\":\"nested\"}}\n"
                        + "{\"text\":\"u\",\"meta\":{\"source\":\"nested\"}}\n");
        List<Record> rs = readAll(f, options(FieldMapping.DEFAULT.withGroupFields(List.of("meta.source"))));
        assertEquals("literal", rs.get(0).attributes().get("meta.source"));
        assertEquals("nested", rs.get(1).attributes().get("meta.source"));
    }

    @Test
    void aPathThatDoesNotResolveNamesFileLineAndPathOrIsSkipped() {
        Path f = write(dir.resolve("chat.jsonl"), CHAT1 + "\n{\"messages\":[{\"role\":\"user\"}]}\n" + CHAT2 + "\n");
        var e = assertFailsAt(InvalidRecordException.class, f, 2, () -> readAll(f, options(CHAT)));
        assertEquals("the field path 'messages[*].content' does not resolve: 'messages[0]' has no field 'content' "
                + "(the text field, named by setting 'text field')", e.reason());
        try (RecordReader r = CorpusReaders.open(f, options(CHAT).withSkipInvalid(true))) {
            assertEquals(2, Fixtures.drain(r).size());
            assertEquals(1, r.report().skipped());
            assertEquals(2, r.report().skippedRecords().get(0).line());
        }
    }

    @Test
    void aSingleValueFieldReachingSeveralValuesIsRefused() {
        Path f = write(dir.resolve("chat.jsonl"), CHAT1 + "\n");
        var e = assertFailsAt(InvalidRecordException.class, f, 1, () -> readAll(f,
                options(CHAT.withGroupFields(List.of("messages[*].role")))));
        assertContains(e.reason(), "reaches 2 values (messages[0].role, ...), but the group field");
    }

    @Test
    void aMalformedPathIsRefusedWhenTheReaderOpens() {
        Path f = write(dir.resolve("chat.jsonl"), CHAT1 + "\n");
        var e = assertThrows(FieldPath.FieldPathException.class, () -> readAll(f, options(CHAT.withLabelField("meta..x"))));
        assertContains(e.getMessage(), "the field path 'meta..x' is malformed");
        assertContains(e.getMessage(), "setting 'label field'");
    }

    @Test
    void csvTsvAndTextRefuseNestedPathsSayingTheyNeedJsonl() {
        Path csv = write(dir.resolve("a.csv"), "text,meta\nhi,x\n");
        var e = assertThrows(CorpusFormatException.class,
                () -> readAll(csv, options(FieldMapping.DEFAULT.withGroupFields(List.of("meta.source")))));
        assertContains(e.getMessage(), "a nested field path needs JSON Lines");
        Path tsv = write(dir.resolve("a.tsv"), "text\tmeta\nhi\tx\n");
        assertThrows(CorpusFormatException.class, () -> readAll(tsv, options(FieldMapping.DEFAULT.withTextField("m[0].c"))));
        Path txt = write(dir.resolve("a.txt"), "hi\n");
        assertContains(assertThrows(RuntimeException.class,
                () -> readAll(txt, options(FieldMapping.DEFAULT.withTextField("m[*].c")))).getMessage(),
                "nested field paths need JSON Lines");
        // a CSV column whose name holds a dot is still a plain column
        Path dotted = write(dir.resolve("d.csv"), "text,meta.source\nhi,x\n");
        assertEquals("x", readAll(dotted, options(FieldMapping.DEFAULT.withGroupFields(List.of("meta.source"))))
                .get(0).attributes().get("meta.source"));
    }

    @Test
    void writesARecordBackIntoItsOwnStructureWithOnlyTheChangedStrings() throws Exception {
        Path f = write(dir.resolve("chat.jsonl"), CHAT1 + "\n" + CHAT2 + "\n");
        List<Record> rs = readAll(f, options(CHAT));
        Path out = dir.resolve("out.jsonl");
        WriteOptions wo = WriteOptions.defaults().withFieldNamesOf(CHAT);
        try (RecordWriter w = CorpusWriters.open(out, wo)) {
            w.write(rs.get(0).derive("1-cf", "She is a nurse.\nTell me more.", "counterfactual:gender")
                    .withAttribute("meta.source", "z"));
            w.write(rs.get(1).withText("My brother\nis a pilot.\nTell me more."));
            w.commit();
        }
        List<String> lines = read(out).lines().toList();
        JsonNode a = NestedJson.MAPPER.readTree(lines.get(0));
        ObjectNode want = (ObjectNode) NestedJson.MAPPER.readTree(CHAT1.replace("He is", "She is").replace("\"x\"", "\"z\""));
        // the output adds its id first and the derived record's provenance last; the rest is the chat itself
        assertEquals("1-cf", a.get("id").asText());
        assertEquals(want.get("messages"), a.get("messages"));
        assertEquals(want.get("meta"), a.get("meta"));
        assertEquals(List.of("id", "messages", "meta", "provenance"), names(a));
        assertEquals("counterfactual:gender", a.get("provenance").get("transform").asText());
        JsonNode b = NestedJson.MAPPER.readTree(lines.get(1));
        // the message with its own line break is split back at the joining break, not at its own
        assertEquals("My brother\nis a pilot.", b.get("messages").get(0).get("content").asText());
        assertEquals("Tell me more.", b.get("messages").get(1).get("content").asText());
        assertEquals(7, b.get("n").asInt(), "an unchanged number stays a number");
        assertNull(b.get("provenance"));
        assertEquals(List.of("id", "messages", "meta", "n"), names(b));
    }

    @Test
    void aTextWhoseLineBreaksChangedIsRefusedRatherThanSplitWrongly() {
        Path f = write(dir.resolve("chat.jsonl"), CHAT1 + "\n");
        Record r = readAll(f, options(CHAT)).get(0);
        Path out = dir.resolve("out.jsonl");
        var e = assertThrows(CorpusFormatException.class, () -> {
            try (RecordWriter w = CorpusWriters.open(out, WriteOptions.defaults().withFieldNamesOf(CHAT))) {
                w.write(r.withText("one line now"));
            }
        });
        assertContains(e.getMessage(), "line breaks no longer match the 2 values of the field path 'messages[*].content'");
    }

    @Test
    void flatRecordsCarryNoJsonAndAttributeLooksUpPathsInNestedAttributes() {
        Path f = write(dir.resolve("flat.jsonl"), "{\"text\":\"t\",\"meta\":{\"w\":0.5,\"tags\":[\"a\",\"b\"]}}\n");
        Record r = readAll(f, options(FieldMapping.DEFAULT)).get(0);
        assertNull(r.json());
        assertEquals("0.5", r.attribute("meta.w").orElseThrow());
        assertEquals("b", r.attribute("meta.tags[1]").orElseThrow());
        assertEquals(java.util.Optional.empty(), r.attribute("meta.missing"));
        assertThrows(FieldPath.FieldPathException.class, () -> r.attribute("meta.tags[*]"));
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
