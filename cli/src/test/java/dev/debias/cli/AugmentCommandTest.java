package dev.debias.cli;

import dev.debias.augment.Augmenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.core.Hashing;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import dev.debias.demo.BiosGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code debias augment} and {@code debias bench augment}, in process. */
class AugmentCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 300 demo bios (id, text, label, gender), written once. */
    @TempDir
    static Path shared;

    static Path bios;

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        List<String> lines() {
            return Arrays.asList(out.split("\n"));
        }
    }

    static Run debias(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }

    @BeforeAll
    static void corpus() throws IOException {
        bios = shared.resolve("bios.jsonl");
        try (RecordWriter w = CorpusWriters.open(bios, WriteOptions.defaults())) {
            BiosGenerator.builder().setCount(300).optCooccurrence(0.9).optSeed(3).build().writeTo(w, ProgressListener.NONE);
            w.commit();
        }
    }

    private String[] augment(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("augment", bios.toString(), "--label-field", "label", "--group-field",
                "gender", "--id-field", "id", "--out", out.toString(), "--threads", "2"));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void twoSidedPrintsItsAccountingAndWritesTheCorpusAndSummary() throws IOException {
        String sha = Hashing.sha256(bios);
        Path out = dir.resolve("cda.jsonl");
        Run r = debias(augment(out, "--mode", "two-sided"));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<String> lines = r.lines();
        Matcher first = Pattern.compile("bios\\.jsonl \\(two-sided\\): 300 records in -> (\\d+) out "
                + "\\{original=300, counterfactual=(\\d+)\\}").matcher(lines.get(0));
        assertTrue(first.matches(), lines.get(0));
        int total = Integer.parseInt(first.group(1));
        int copies = Integer.parseInt(first.group(2));
        assertEquals(300 + copies, total);
        assertTrue(copies >= 290, "nearly every bio has a swappable term: " + copies);
        assertTrue(lines.get(1).startsWith("  in place 300, copies added " + copies + ", dropped 0, changed " + copies
                + ", substitutions "), lines.get(1));
        assertTrue(lines.get(1).endsWith("records in = in place + dropped: yes"), lines.get(1));
        assertTrue(r.out().contains("  most frequent substitutions: "), r.out());
        assertTrue(r.out().contains("group share within each label (per label, the share of each group"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("  nurse +female +\\d+\\.\\d% -> +\\d+\\.\\d%  male .*")),
                r.out());
        assertTrue(r.out().contains("wrote " + out + " (summary: " + out + ".augment.json)"), r.out());
        List<JsonNode> written = jsonLines(out);
        assertEquals(total, written.size());
        int seenCopies = 0;
        for (int i = 0; i < written.size(); i++) {
            JsonNode original = written.get(i);
            assertEquals("original", original.get("transform").asText());
            if (i + 1 < written.size() && written.get(i + 1).get("transform").asText().equals("counterfactual")) {
                JsonNode copy = written.get(++i);
                seenCopies++;
                assertEquals(original.get("id").asText() + "-cf", copy.get("id").asText());
                assertEquals(original.get("id").asText(), copy.get("source_id").asText());
                assertFalse(original.get("gender").asText().equals(copy.get("gender").asText()), copy.toString());
                assertEquals(original.get("label").asText(), copy.get("label").asText());
                assertFalse(copy.get("substitutions").asText().isEmpty());
            }
        }
        assertEquals(copies, seenCopies);
        JsonNode summary = JSON.readTree(out.resolveSibling("cda.jsonl.augment.json").toFile());
        assertEquals(300, summary.get("records_in").asLong());
        assertEquals(total, summary.get("records_out").asLong());
        assertTrue(summary.get("counts_balance").asBoolean());
        assertEquals(sha, summary.get("input_sha256").asText());
        assertTrue(Files.exists(out.resolveSibling("cda.jsonl.provenance.json")));
        assertEquals(sha, Hashing.sha256(bios), "the input is never modified");
    }

    @Test
    void rebalancePrintsRatesBeforeAndAfter() throws IOException {
        Path out = dir.resolve("fair.jsonl");
        Run r = debias(augment(out, "--mode", "rebalance", "--target-rate", "0.5", "--allow-drop"));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.lines().get(0).startsWith("bios.jsonl (rebalance): 300 records in -> "), r.out());
        assertTrue(r.out().contains("records in = in place + dropped: yes"), r.out());
        long surgeons = r.lines().stream().filter(l -> l.matches("  surgeon +female +\\d+\\.\\d% -> +50\\.0%  male .*")).count();
        assertEquals(1, surgeons, r.out());
        JsonNode summary = JSON.readTree(Path.of(out + ".augment.json").toFile());
        assertTrue(summary.get("dropped").asLong() > 0);
        assertEquals(summary.get("records_out").asLong(), jsonLines(out).size());
    }

    @Test
    void reweighWritesTheWeightField() throws IOException {
        Path out = dir.resolve("weighted.jsonl");
        Run r = debias(augment(out, "--mode", "reweigh", "--weight-field", "sample_weight"));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("weights (group|label): {"), r.out());
        for (JsonNode n : jsonLines(out)) {
            assertTrue(Double.parseDouble(n.get("sample_weight").asText()) > 0, n.toString());
            assertEquals("reweighed", n.get("transform").asText());
        }
    }

    @Test
    void reweighRefusesAnExistingWeightFieldUnlessAskedAndNeverTheGroupField() throws IOException {
        Path out = dir.resolve("weighted.jsonl");
        Path in = dir.resolve("scored.jsonl");
        Files.write(in, jsonLines(bios).stream().map(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.deepCopy())
                .put("score", "x").toString()).toList());
        String[] base = {"augment", in.toString(), "--label-field", "label", "--group-field", "gender", "--id-field",
            "id", "--out", out.toString(), "--threads", "2", "--mode", "reweigh", "--weight-field", "score"};
        Run refused = debias(base);
        assertEquals(ExitCodes.BAD_INPUT, refused.code(), refused.err());
        assertTrue(refused.err().contains("already has a field 'score'") && refused.err().contains("--weight-field"),
                refused.err());
        assertFalse(Files.exists(out));
        List<String> asked = new ArrayList<>(List.of(base));
        asked.add("--overwrite-weight-field");
        Run overwritten = debias(asked.toArray(new String[0]));
        assertEquals(ExitCodes.OK, overwritten.code(), overwritten.err());
        for (JsonNode n : jsonLines(out)) {
            assertTrue(Double.parseDouble(n.get("score").asText()) > 0, n.toString());
        }
        Run group = debias(augment(dir.resolve("g.jsonl"), "--mode", "reweigh", "--weight-field", "gender",
                "--overwrite-weight-field"));
        assertEquals(ExitCodes.BAD_INPUT, group.code(), group.err());
        assertTrue(group.err().contains("the weight field 'gender' is a group field"), group.err());
    }

    @Test
    void maskUsesThePlaceholder() throws IOException {
        Path out = dir.resolve("masked.jsonl");
        Run r = debias(augment(out, "--mode", "mask", "--placeholder", "_"));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        for (JsonNode n : jsonLines(out)) {
            String text = n.get("text").asText();
            assertFalse(text.matches("(?s).*\\b([Ss]he|[Hh]e|[Hh]er|[Hh]is)\\b.*"), text);
        }
    }

    @Test
    void unknownModesAreRefusedWithTheList() {
        Path out = dir.resolve("x.jsonl");
        Run r = debias(augment(out, "--mode", "bogus"));
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("unknown mode 'bogus'"), r.err());
        for (String m : List.of("two-sided", "one-sided", "substitute", "rebalance", "reweigh", "mask")) {
            assertTrue(r.err().contains(m), m + " listed in " + r.err());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void raceSwapsThePairGivenAndCopiesPerGroupWithoutOne() throws IOException {
        Path in = dir.resolve("race.jsonl");
        Files.writeString(in, """
                {"id":"a","text":"A Black student met Latoya.","label":"x"}
                {"id":"b","text":"The white wine was cold.","label":"y"}
                """, StandardCharsets.UTF_8);
        Path out = dir.resolve("race-cda.jsonl");
        Run r = debias("augment", in.toString(), "--label-field", "label", "--id-field", "id", "--axis", "race",
                "--pair", "black,white", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        List<JsonNode> rows = jsonLines(out);
        // a's copy: the article agrees, the name keeps its gender; b holds an idiom, so it gets no copy
        assertEquals(List.of("a", "a-cf", "b"), rows.stream().map(n -> n.get("id").asText()).toList());
        assertEquals("A white student met Emily.", rows.get(1).get("text").asText());
        assertEquals("counterfactual:white", rows.get(1).get("transform").asText());
        JsonNode summary = JSON.readTree(Augmenter.summaryPath(out).toFile());
        assertEquals("black<->white", summary.get("config").get("groups").asText());
        assertEquals(1, summary.get("kept").get("white wine (protected: idiom)").asInt(), summary.toString());

        Path each = dir.resolve("race-each.jsonl");
        r = debias("augment", in.toString(), "--label-field", "label", "--id-field", "id", "--axis", "race",
                "--out", each.toString());
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        List<String> ids = jsonLines(each).stream().map(n -> n.get("id").asText()).toList();
        assertEquals(List.of("a", "a-cf-white", "a-cf-asian", "a-cf-hispanic", "a-cf-middle_eastern",
                "a-cf-native_american", "b"), ids);
    }

    @Test
    void aPairOrTargetMustNameGroupsOfTheAxis() {
        Path out = dir.resolve("x.jsonl");
        Run r = debias(augment(out, "--axis", "race", "--pair", "black,purple"));
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("'purple' is not a group of axis 'race'") && r.err().contains("black, white, asian"),
                r.err());
        r = debias(augment(out, "--axis", "race", "--pair", "black,white", "--to", "asian"));
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--pair or --to, not both"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void unknownDirectionsAreRefused() {
        Path out = dir.resolve("x.jsonl");
        Run r = debias(augment(out, "--direction", "sideways"));
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("unknown direction 'sideways'"), r.err());
        assertTrue(r.err().contains("female-to-male"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void swapLabelsIsAutoOrNever() {
        Path out = dir.resolve("x.jsonl");
        Run r = debias(augment(out, "--swap-labels", "maybe"));
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--swap-labels must be auto or never, got maybe"), r.err());
        assertFalse(Files.exists(out));
        Run never = debias(augment(out, "--swap-labels", "never"));
        assertEquals(ExitCodes.OK, never.code(), never.err());
    }

    @Test
    void badSettingsAndInputsExitWithOne() throws IOException {
        Path out = dir.resolve("x.jsonl");
        Run rate = debias(augment(out, "--mode", "rebalance", "--target-rate", "1.5"));
        assertEquals(ExitCodes.BAD_INPUT, rate.code(), rate.err());
        assertTrue(rate.err().contains("target rate"), rate.err());
        Run self = debias(augment(bios));
        assertEquals(ExitCodes.BAD_INPUT, self.code(), self.err());
        assertTrue(self.err().contains("overwrite the input"), self.err());
        Run noLabel = debias("augment", bios.toString(), "--id-field", "id", "--mode", "reweigh", "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, noLabel.code(), noLabel.err());
        assertTrue(noLabel.err().contains("--label-field"), noLabel.err());
        Run missing = debias("augment", dir.resolve("nope.jsonl").toString(), "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.code(), missing.err());
        assertTrue(missing.err().contains("nope.jsonl"), missing.err());
        Run noOut = debias("augment", bios.toString());
        assertEquals(ExitCodes.BAD_INPUT, noOut.code(), noOut.err());
        assertTrue(noOut.err().contains("--out"), noOut.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void skippedRecordsAreReported() throws IOException {
        Path in = dir.resolve("some.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(bios).subList(0, 10));
        lines.add(4, "{not json");
        Files.write(in, lines);
        Path out = dir.resolve("out.jsonl");
        Run r = debias("augment", in.toString(), "--label-field", "label", "--group-field", "gender", "--id-field", "id",
                "--skip-invalid", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.lines().get(0).startsWith("some.jsonl (two-sided): 10 records in -> "), r.out());
        assertTrue(r.out().contains("  1 invalid input records skipped (see the summary)"), r.out());
    }

    @Test
    void helpHasExamples() {
        Run r = debias("augment", "--help");
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().contains("Examples:") && r.out().contains("debias augment bios.jsonl"), r.out());
        assertTrue(r.out().contains("--target-rate") && r.out().contains("--swap-labels"), r.out());
    }

    @Test
    void benchAugmentPrintsTheRatioToTheFloorAndCleansUp() throws IOException {
        Path work = dir.resolve("bench");
        Run r = debias("bench", "augment", "--records", "300", "--repeats", "1", "--threads", "2", "--work-dir",
                work.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("cda_vs_floor"), r.out());
        assertTrue(r.out().contains("two-sided CDA") && r.out().contains("tokenize + POS (floor)"), r.out());
        String json = r.lines().stream().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        JsonNode n = JSON.readTree(json);
        assertTrue(n.toString().contains("\"cda_vs_floor\":"), json);
        assertTrue(n.toString().contains("\"records\":300"), json);
        try (Stream<Path> files = Files.list(work)) {
            assertEquals(0, files.count(), "the benchmark removes its files");
        }
    }
}
