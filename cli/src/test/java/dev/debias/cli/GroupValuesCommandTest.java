package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --group-values} on {@code debias audit}, {@code augment} and {@code evaluate}, on a small corpus laid
 * out as EEC is (ID, Sentence, Person, Race, Emotion), Race valued {@code African-American} and {@code European}.
 */
class GroupValuesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EEC = "African-American=black,European=white";
    private static final List<String> READ = List.of("--format", "csv", "--text-field", "Sentence", "--id-field", "ID",
            "--label-field", "Emotion", "--group-field", "Race");

    @TempDir
    Path dir;

    /** 24 rows: Ebony and Jasmine (African-American), Amanda and Sarah (European), each with six sentences. */
    private Path eec() throws IOException {
        StringBuilder csv = new StringBuilder("ID,Sentence,Person,Race,Emotion\n");
        String[][] people = {{"Ebony", "African-American"}, {"Jasmine", "African-American"}, {"Amanda", "European"},
            {"Sarah", "European"}};
        String[][] feelings = {{"angry", "anger"}, {"furious", "anger"}, {"happy", "joy"}, {"glad", "joy"},
            {"sad", "sadness"}, {"miserable", "sadness"}};
        int id = 0;
        for (String[] p : people) {
            for (String[] f : feelings) {
                csv.append("e").append(id++).append(',').append(p[0]).append(" feels ").append(f[0]).append(".,")
                        .append(p[0]).append(',').append(p[1]).append(',').append(f[1]).append('\n');
            }
        }
        return Files.writeString(dir.resolve("eec.csv"), csv);
    }

    private static String[] args(List<String> head, List<String> tail) {
        List<String> a = new ArrayList<>(head);
        a.addAll(READ);
        a.addAll(tail);
        return a.toArray(String[]::new);
    }

    @Test
    void auditReadsTheRaceColumnAsGroups() throws IOException {
        Path out = dir.resolve("audit");
        CliTest.Run r = CliTest.debias(args(List.of("audit", eec().toString()), List.of("--axis",
                "builtin:race,builtin:race-names", "--index", dir.resolve("i").toString(), "--group-values", EEC,
                "--out", out.toString())));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode audit = JSON.readTree(out.resolve("audit.json").toFile());
        JsonNode truth = audit.get("ground_truth").get(0);
        TreeSet<String> rows = new TreeSet<>();
        truth.get("labels").forEach(c -> rows.add(c.get("group").asText()));
        assertEquals(new TreeSet<>(List.of("black", "white")), rows, truth.get("labels").toString());
        truth.get("labels").forEach(c -> assertEquals(12, c.get("group_units").asLong(), c.toString()));
        assertEquals(EEC, audit.get("config").get("group_values").asText());
        assertTrue(r.out().contains("values [African-American, European]"), r.out());
    }

    @Test
    void auditRefusesAGroupNoAxisHasNamingTheOption() throws IOException {
        CliTest.Run r = CliTest.debias(args(List.of("audit", eec().toString()), List.of("--index",
                dir.resolve("i").toString(), "--group-values", EEC)));
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("--group-values: the entry 'African-American=black'")
                && r.err().contains("axis gender [female, male]"), r.err());
        CliTest.Run bad = CliTest.debias(args(List.of("audit", eec().toString()), List.of("--index",
                dir.resolve("i").toString(), "--group-values", "African-American")));
        assertTrue(bad.err().contains("--group-values: the entry 'African-American'"), bad.err());
    }

    @Test
    void augmentWritesEuropeanOnCopiesOfAfricanAmericanRows() throws IOException {
        Path out = dir.resolve("cda.jsonl");
        CliTest.Run r = CliTest.debias(args(List.of("augment", eec().toString()), List.of("--axis", "race", "--pair",
                "black,white", "--group-values", EEC, "--out", out.toString())));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        Map<String, String> race = new TreeMap<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode n = JSON.readTree(line);
            race.put(n.get("ID").asText(), n.get("Race").asText());
        }
        assertEquals("African-American", race.get("e0"));
        assertEquals("European", race.get("e0-cf"));
        assertEquals("African-American", race.get("e12-cf"));
        assertFalse(r.err().contains("--group-values"), r.err());
        JsonNode summary = JSON.readTree(dir.resolve("cda.jsonl.augment.json").toFile());
        assertEquals(EEC, summary.get("config").get("group_values").asText());
        assertEquals("field:Race", summary.get("config").get("groups_from").asText());
        CliTest.Run bare = CliTest.debias(args(List.of("augment", eec().toString()), List.of("--axis", "race", "--pair",
                "black,white", "--out", dir.resolve("bare.jsonl").toString())));
        assertTrue(bare.err().contains("24 counterfactual records kept a group field value that stands for no group")
                && bare.err().contains("map the values to groups with --group-values"), bare.err());
    }

    @Test
    void evaluateMergesTheValuesMappedToOneGroup() throws IOException {
        StringBuilder preds = new StringBuilder();
        String[] race = {"African-American", "black", "European", "white"};
        for (int i = 0; i < 40; i++) {
            preds.append(JSON.writeValueAsString(Map.of("id", "p" + i, "label", i % 2 == 0 ? "anger" : "joy",
                    "prediction", i % 3 == 0 ? "anger" : "joy", "Race", race[i % 4]))).append('\n');
        }
        Path p = Files.writeString(dir.resolve("predictions.jsonl"), preds);
        Path out = dir.resolve("eval");
        CliTest.Run r = CliTest.debias("evaluate", "--predictions", p.toString(), "--label-field", "label",
                "--group-field", "Race", "--group-values", EEC, "--bootstrap", "0", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        TreeSet<String> groups = new TreeSet<>();
        metrics.get("group_fairness").get(0).get("groups").forEach(g -> groups.add(g.get("group").asText()));
        assertEquals(new TreeSet<>(List.of("black", "white")), groups);
        metrics.get("group_fairness").get(0).get("groups").forEach(g -> assertEquals(20, g.get("count").asLong()));
    }
}
