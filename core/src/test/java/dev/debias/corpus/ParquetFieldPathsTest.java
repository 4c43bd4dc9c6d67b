package dev.debias.corpus;

import static dev.debias.corpus.Fixtures.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Field paths reach into Parquet's nested columns as they reach into JSON Lines records: a chat dataset's
 * {@code messages} column (a list of {@code role, content} structs) read with {@code messages[*].content},
 * {@code meta.source} in a struct; a record read so is written back, to Parquet or JSON Lines, as the object it
 * was read from with its changed text in place; and the Parquet written that way reads back the same.
 */
class ParquetFieldPathsTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Two chats as a Hugging Face chat dataset stores them: a list of structs, and a struct of metadata. */
    private Path chats() throws IOException {
        MessageType schema = Types.buildMessage()
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("id")
                .optionalList().optionalGroupElement()
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("role")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("content")
                .named("messages")
                .optionalGroup().optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("source")
                .named("meta")
                .named("chat");
        Path f = dir.resolve("chats.parquet");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(f))
                .withConf(new PlainParquetConfiguration()).withType(schema).build()) {
            String[][] chats = {{"c1", "She is a nurse.", "Her patients like her.", "forum"},
                {"c2", "Is he a surgeon?", "Yes, and his team agrees.", "web"}};
            for (String[] c : chats) {
                Group g = new SimpleGroup(schema);
                g.add("id", c[0]);
                Group messages = g.addGroup("messages");
                Group user = messages.addGroup("list").addGroup("element");
                user.add("role", "user");
                user.add("content", c[1]);
                Group assistant = messages.addGroup("list").addGroup("element");
                assistant.add("role", "assistant");
                assistant.add("content", c[2]);
                g.addGroup("meta").add("source", c[3]);
                w.write(g);
            }
        }
        return f;
    }

    private static ReadOptions paths() {
        return ReadOptions.defaults().withFields(new FieldMapping("messages[*].content", null, List.of("meta.source"), "id"));
    }

    @Test
    void aTextPathJoinsEveryMessageAndAGroupPathReachesIntoAStruct() throws IOException {
        List<Record> rs = Fixtures.readAll(chats(), paths());
        assertEquals(List.of("c1", "c2"), Fixtures.ids(rs));
        assertEquals("She is a nurse.\nHer patients like her.", rs.get(0).text());
        assertEquals("web", rs.get(1).attributes().get("meta.source"));
        assertEquals(java.util.Optional.of("user"), rs.get(1).attribute("messages[0].role"));
    }

    @Test
    void aRecordReadThroughPathsIsWrittenBackWithItsTextInPlace() throws IOException {
        Path in = chats();
        Path parquet = dir.resolve("out.parquet");
        Path jsonl = dir.resolve("out.jsonl");
        for (Path out : List.of(parquet, jsonl)) {
            try (RecordReader r = CorpusReaders.open(in, paths());
                    RecordWriter w = CorpusWriters.open(out, WriteOptions.defaults().withFieldNamesOf(paths().fields()))) {
                while (r.hasNext()) {
                    Record x = r.next();
                    w.write(x.withText(x.text().replace("nurse", "doctor").replace("Her", "His")));
                }
                w.commit();
            }
        }
        // JSON Lines keeps the structure as JSON
        JsonNode first = JSON.readTree(Files.readAllLines(jsonl).get(0));
        assertEquals("She is a doctor.", first.at("/messages/0/content").asText());
        assertEquals("His patients like her.", first.at("/messages/1/content").asText());
        assertEquals("assistant", first.at("/messages/1/role").asText());
        assertEquals("forum", first.at("/meta/source").asText());
        // Parquet keeps it as JSON text in a column, which field paths read again
        List<Record> back = Fixtures.readAll(parquet, paths());
        assertEquals("She is a doctor.\nHis patients like her.", back.get(0).text());
        assertEquals("forum", back.get(0).attributes().get("meta.source"));
        List<Record> flat = Fixtures.readAll(parquet, ReadOptions.defaults().withFields(
                new FieldMapping("messages", null, List.of(), "id")));
        assertEquals(List.of("meta"), List.copyOf(flat.get(1).attributes().keySet()));
        assertEquals("[{\"role\":\"user\",\"content\":\"Is he a surgeon?\"},{\"role\":\"assistant\",\"content\":"
                + "\"Yes, and his team agrees.\"}]", flat.get(1).text());
        assertEquals("{\"source\":\"web\"}", flat.get(1).attributes().get("meta"));
    }

    @Test
    void aPathThatReachesNothingNamesTheRowGroupAndRow() throws IOException {
        Path in = chats();
        ReadOptions wrong = ReadOptions.defaults().withFields(new FieldMapping("messages[*].body", null, List.of(), "id"));
        InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> Fixtures.readAll(in, wrong));
        assertContains(e.getMessage(), "chats.parquet");
        assertContains(e.getMessage(), "row group 1, row 1");
    }
}
