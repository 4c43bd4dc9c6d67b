package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code debias audit} and {@code debias augment} on a chat corpus read through field paths, and on a flat one. */
class NestedCorpusCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static final String CHAT1 = "{\"messages\":[{\"role\":\"user\",\"content\":\"He is a nurse.\"},"
            + "{\"role\":\"assistant\",\"content\":\"Does she like it?\"}],\"meta\":{\"source\":\"x\"}}";
    static final String CHAT2 = "{\"messages\":[{\"role\":\"user\",\"content\":\"The weather is nice.\"},"
            + "{\"role\":\"assistant\",\"content\":\"Indeed.\"}],\"meta\":{\"source\":\"y\"}}";

    private Path chat() throws IOException {
        return Files.writeString(dir.resolve("chat.jsonl"), CHAT1 + "\n" + CHAT2 + "\n");
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void augmentKeepsEachChatAChatWithOnlyTheSwappedStringsChanged() throws IOException {
        Path out = dir.resolve("cda.jsonl");
        CliTest.Run r = CliTest.debias("augment", chat().toString(), "--text-field", "messages[*].content",
                "--group-field", "meta.source", "--axis", "gender", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<JsonNode> written = jsonLines(out);
        // chat 1 has "He" and "she", so it is written and gets a counterfactual; chat 2 has no term: written once
        assertEquals(3, written.size(), r.out());
        ObjectNode want1 = (ObjectNode) JSON.readTree(CHAT1);
        ObjectNode swapped = (ObjectNode) JSON.readTree(CHAT1.replace("He is", "She is").replace("does she", "Does he")
                .replace("Does she", "Does he"));
        assertEquals(want1.get("messages"), written.get(0).get("messages"), "the original keeps its chat");
        assertEquals(swapped.get("messages"), written.get(1).get("messages"), "the copy swaps inside each message");
        assertEquals(want1.get("meta"), written.get(1).get("meta"));
        assertEquals("counterfactual", written.get(1).get("transform").asText());
        assertEquals("1-cf", written.get(1).get("id").asText());
        assertEquals(JSON.readTree(CHAT2).get("messages"), written.get(2).get("messages"));
        // no key the input lacks but the id, the augment fields and a copy's provenance
        for (JsonNode n : written) {
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            keys.removeAll(List.of("id", "source_id", "transform", "substitutions", "provenance"));
            assertEquals(List.of("messages", "meta"), keys, n.toString());
        }
    }

    @Test
    void auditCountsTheTermsOfEveryMessage() throws IOException {
        Path index = dir.resolve("index");
        CliTest.Run r = CliTest.debias("audit", chat().toString(), "--text-field", "messages[*].content", "--group-field",
                "meta.source", "--index", index.toString(), "--top", "0");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        // "He" is in the user's message and "she" in the assistant's: both groups have one unit
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  female +1 units.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  male +1 units.*")), r.out());
        assertTrue(r.out().contains("ground-truth field meta.source: values [x, y]"), r.out());
    }

    @Test
    void aPathThatDoesNotResolveNamesFileLineAndPathOrIsSkippedAndReported() throws IOException {
        Path in = Files.writeString(dir.resolve("bad.jsonl"), CHAT1 + "\n{\"messages\":[{\"role\":\"user\"}]}\n");
        CliTest.Run r = CliTest.debias("corpus", "stats", in.toString(), "--text-field", "messages[*].content");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("bad.jsonl:2: the field path 'messages[*].content' does not resolve: 'messages[0]' has "
                + "no field 'content' (the text field, named by --text-field)"), r.err());
        CliTest.Run s = CliTest.debias("corpus", "stats", in.toString(), "--text-field", "messages[*].content",
                "--skip-invalid");
        assertEquals(ExitCodes.OK, s.code(), s.err());
        assertTrue(s.err().contains("debias: skipped 1 invalid record(s) of 2:"), s.err());
    }

    @Test
    void csvRefusesANestedPathSayingItNeedsJsonl() throws IOException {
        Path in = Files.writeString(dir.resolve("a.csv"), "text,meta\nHe is here.,x\n");
        CliTest.Run r = CliTest.debias("corpus", "stats", in.toString(), "--text-field", "meta.text");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("a nested field path needs JSON Lines"), r.err());
    }

    @Test
    void aFlatCorpusIsWrittenByteForByteAsBefore() throws IOException {
        Path in = Files.writeString(dir.resolve("flat.jsonl"),
                "{\"id\":\"a\",\"text\":\"He is a nurse.\",\"meta.source\":\"x\",\"n\":1.50}\n");
        Path out = dir.resolve("flat-cda.jsonl");
        CliTest.Run r = CliTest.debias("augment", in.toString(), "--id-field", "id", "--group-field", "meta.source",
                "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        // as before field paths: every value a string (1.50 as written), attributes in input order, then the
        // augment fields; the dotted key is a literal key, so it stays one top-level field
        assertEquals("{\"id\":\"a\",\"text\":\"He is a nurse.\",\"meta.source\":\"x\",\"n\":\"1.50\",\"source_id\":\"a\","
                + "\"transform\":\"original\",\"substitutions\":\"\"}\n"
                + "{\"id\":\"a-cf\",\"text\":\"She is a nurse.\",\"meta.source\":\"x\",\"n\":\"1.50\",\"source_id\":\"a\","
                + "\"transform\":\"counterfactual\",\"substitutions\":\"0-2:He>She\",\"provenance\":{\"source\":\"flat.jsonl:1\","
                + "\"parent\":\"a\",\"transform\":\"counterfactual\"}}\n", Files.readString(out));
    }
}
