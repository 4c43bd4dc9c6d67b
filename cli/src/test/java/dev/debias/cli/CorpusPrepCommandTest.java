package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code debias corpus split|sample|filter|dedup|tag} end to end, in process. */
class CorpusPrepCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * A small EEC-like CSV: 40 sentences, ID e1..e40, Gender female for odd numbers else male, Emotion anger for
     * the first 20 else joy; the female ones say "she", the male ones "he".
     */
    private Path eec() throws IOException {
        StringBuilder b = new StringBuilder("ID,Sentence,Gender,Emotion\n");
        for (int i = 1; i <= 40; i++) {
            boolean female = i % 2 == 1;
            b.append("e").append(i).append(',').append(female ? "She" : "He").append(" feels number ").append(i)
                    .append('.').append(',').append(female ? "female" : "male").append(',')
                    .append(i <= 20 ? "anger" : "joy").append('\n');
        }
        return Files.writeString(dir.resolve("eec.csv"), b, StandardCharsets.UTF_8);
    }

    private static long lines(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.UTF_8).size();
    }

    @ParameterizedTest
    @ValueSource(strings = {"split", "sample", "filter", "dedup", "tag"})
    void everySubcommandExplainsItselfWithAnExample(String command) {
        CliTest.Run r = CliTest.debias("corpus", command, "--help");
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().contains("Example"), r.out());
        assertTrue(r.out().contains("debias corpus " + command), r.out());
    }

    @Test
    void splitWritesStratifiedCsvFilesASummaryAndTheSameBytesAgain() throws IOException {
        Path in = eec();
        String[] args = {"corpus", "split", in.toString(), "--text-field", "Sentence", "--id-field", "ID",
            "--out-dir", dir.resolve("a").toString(), "--stratify-field", "Gender", "--stratify-field", "Emotion",
            "--ratios", "0.6,0.2,0.2"};
        CliTest.Run r = CliTest.debias(args);
        assertEquals(ExitCodes.OK, r.code(), r.err());
        // 4 strata of 10: 6/2/2 each, so 24/8/8 (+1 header line per file)
        assertEquals(25, lines(dir.resolve("a/train.csv")));
        assertEquals(9, lines(dir.resolve("a/dev.csv")));
        assertEquals(9, lines(dir.resolve("a/test.csv")));
        assertTrue(r.out().contains("Gender=female, Emotion=anger"), r.out());
        assertTrue(r.out().contains("stratified rank"), r.out());
        assertEquals("ID,Sentence,Gender,Emotion", Files.readAllLines(dir.resolve("a/dev.csv")).get(0));
        JsonNode summary = JSON.readTree(dir.resolve("a/split-summary.json").toFile());
        assertEquals(40, summary.get("records").asInt());
        assertEquals(8, summary.get("splits").get(1).get("records").asInt());
        assertEquals(4, summary.get("strata").size());
        assertTrue(Files.exists(dir.resolve("a/train.csv.provenance.json")));
        args[8] = dir.resolve("b").toString();
        assertEquals(ExitCodes.OK, CliTest.debias(args).code());
        for (String s : List.of("train.csv", "dev.csv", "test.csv", "split-summary.json")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(s)), Files.readAllBytes(dir.resolve("b").resolve(s)), s);
        }
    }

    @Test
    void splitKeepsTheInputsCompressionAndTakesAnotherFormat() throws IOException {
        Path in = dir.resolve("c.jsonl.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(in))) {
            for (int i = 1; i <= 30; i++) {
                out.write(("{\"text\":\"t" + i + "\",\"g\":\"" + (i % 3) + "\"}\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        CliTest.Run r = CliTest.debias("corpus", "split", in.toString(), "--out-dir", dir.resolve("gz").toString(),
                "--names", "a,b", "--ratios", "2,1", "--stratify-field", "g");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        // 3 strata of 10 shared 2:1 by largest remainder: 6.67 -> 7 and 3.33 -> 3 each, so 21 and 9
        assertTrue(r.out().contains("a                21"), r.out());
        CliTest.Run stats = CliTest.debias("corpus", "stats", dir.resolve("gz/b.jsonl.gz").toString());
        assertTrue(stats.out().contains(": 9 records"), "a gzip file with the 9 records: " + stats.out() + stats.err());
        CliTest.Run csv = CliTest.debias("corpus", "split", in.toString(), "--out-dir", dir.resolve("csv").toString(),
                "--out-format", "csv");
        assertEquals(ExitCodes.OK, csv.code(), csv.err());
        assertTrue(Files.exists(dir.resolve("csv/train.csv.gz")), csv.out());
    }

    @Test
    void splitRefusesRatiosAndNamesThatDoNotPair() throws IOException {
        CliTest.Run r = CliTest.debias("corpus", "split", eec().toString(), "--text-field", "Sentence", "--out-dir",
                dir.resolve("a").toString(), "--ratios", "0.5,0.5");
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("must be as many"), r.err());
        assertFalse(Files.exists(dir.resolve("a/train.csv")));
    }

    @Test
    void sampleSaysWhenTheSizeWasCut() throws IOException {
        Path out = dir.resolve("s.jsonl");
        CliTest.Run r = CliTest.debias("corpus", "sample", eec().toString(), "--text-field", "Sentence", "--id-field", "ID",
                "--out", out.toString(), "--size", "100", "--stratify-field", "Gender");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("asked for 100 records but the corpus holds 40"), r.out());
        assertEquals(40, lines(out));
        CliTest.Run small = CliTest.debias("corpus", "sample", eec().toString(), "--text-field", "Sentence",
                "--out", out.toString(), "--fraction", "0.25", "--stratify-field", "Gender");
        assertEquals(ExitCodes.OK, small.code(), small.err());
        assertEquals(10, lines(out), "the existing output is replaced, as convert does");
        assertTrue(small.out().contains("Gender=female"), small.out());
        CliTest.Run both = CliTest.debias("corpus", "sample", eec().toString(), "--out", out.toString(), "--size", "3",
                "--fraction", "0.5");
        assertEquals(ExitCodes.BAD_INPUT, both.code());
    }

    @Test
    void filterKeepsByFieldAndLexiconAndCounts() throws IOException {
        Path out = dir.resolve("f.csv");
        CliTest.Run r = CliTest.debias("corpus", "filter", eec().toString(), "--text-field", "Sentence", "--id-field", "ID",
                "--where", "Emotion=joy", "--lexicon-match", "gender:female", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        // joy is e21..e40, female the odd ones: 10 kept
        assertTrue(r.out().contains("kept 10 of 40 records (25.0%), dropped 30"), r.out());
        assertEquals(11, lines(out));
        CliTest.Run none = CliTest.debias("corpus", "filter", eec().toString(), "--text-field", "Sentence",
                "--no-lexicon-match", "gender", "--out", out.toString());
        assertTrue(none.out().contains("kept 0 of 40"), none.out());
        CliTest.Run bad = CliTest.debias("corpus", "filter", eec().toString(), "--text-field", "Sentence",
                "--lexicon-match", "gender:robot", "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("no group 'robot'"), bad.err());
        CliTest.Run self = CliTest.debias("corpus", "filter", eec().toString(), "--text-field", "Sentence",
                "--where", "Gender=male", "--out", dir.resolve("eec.csv").toString());
        assertEquals(ExitCodes.BAD_INPUT, self.code());
        assertTrue(self.err().contains("names the input"), self.err());
    }

    @Test
    void dedupDropsExactAndNearDuplicatesAndReports() throws IOException {
        String base = "the quick brown fox jumps over the lazy dog again and again and again today at noon";
        Path in = Files.writeString(dir.resolve("d.jsonl"), String.join("\n",
                "{\"text\":\"" + base + "\"}", "{\"text\":\"" + base.toUpperCase() + "  \"}",
                "{\"text\":\"" + base + " sharp\"}", "{\"text\":\"something else entirely\"}") + "\n");
        Path out = dir.resolve("o.jsonl");
        Path report = dir.resolve("dups.json");
        CliTest.Run r = CliTest.debias("corpus", "dedup", in.toString(), "--near", "0.9", "--out", out.toString(),
                "--report", report.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        // record 3 adds one shingle to 13: Jaccard 13/14 = 0.929
        assertTrue(r.out().contains("kept 2 of 4 records; dropped 1 exact and 1 near duplicates"), r.out());
        assertEquals(2, lines(out));
        JsonNode j = JSON.readTree(report.toFile());
        assertEquals(1, j.get("clusters").size());
        assertEquals(3, j.get("clusters").get(0).get("size").asInt());
        assertEquals(13.0 / 14, j.get("clusters").get(0).get("duplicates").get(1).get("jaccard").asDouble(), 1e-9);
    }

    @Test
    void tagAddsAGroupFieldThatEvaluateCanUse() throws IOException {
        Path out = dir.resolve("t.jsonl");
        CliTest.Run r = CliTest.debias("corpus", "tag", eec().toString(), "--text-field", "Sentence", "--id-field", "ID",
                "--axis", "gender", "--field-prefix", "detected_", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(40, lines.size());
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals("female", first.get("detected_gender").asText());
        assertEquals("female", first.get("Gender").asText());
        assertEquals("male", JSON.readTree(lines.get(1)).get("detected_gender").asText());
        assertTrue(r.out().contains("field 'detected_gender'"), r.out());
        CliTest.Run again = CliTest.debias("corpus", "tag", out.toString(), "--text-field", "Sentence", "--id-field", "ID",
                "--axis", "gender", "--field-prefix",
                "detected_", "--out", dir.resolve("t2.jsonl").toString());
        assertEquals(ExitCodes.BAD_INPUT, again.code());
        assertTrue(again.err().contains("already has a field 'detected_gender'") && again.err().contains("--field-prefix"),
                again.err());
    }
}
