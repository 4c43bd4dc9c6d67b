package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.demo.Occupation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line end to end, in process: exit codes, messages, files written. */
class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {}

    static Run debias(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        Run r = debias("--help");
        assertEquals(ExitCodes.OK, r.code());
        for (String cmd : List.of("generate", "lexicon", "corpus", "bench")) {
            assertTrue(r.out().contains("\n  " + cmd + " "), "help lists " + cmd + ":\n" + r.out());
        }
        assertTrue(r.out().contains("Exit codes: 0 success, 1 bad usage or bad input, 2 runtime failure"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"generate bios", "lexicon list", "lexicon show", "corpus stats", "corpus convert", "bench io"})
    void everyToolExplainsItselfWithAnExample(String command) {
        String[] words = (command + " --help").split(" ");
        Run r = debias(words);
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().contains("Example:"), r.out());
        assertTrue(r.out().contains("debias " + command), r.out());
    }

    @Test
    void generateWritesTheRequestedCorpusWithTheRequestedCooccurrence() throws Exception {
        Path out = dir.resolve("x.jsonl");
        Run r = debias("generate", "bios", "--n", "1000", "--cooccurrence", "0.9", "--seed", "1", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(1000, lines.size());
        Map<String, int[]> perOccupation = new HashMap<>();
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            assertEquals(List.of("id", "text", "label", "gender"), iterable(n.fieldNames()));
            Occupation o = Occupation.named(n.get("label").asText());
            int[] c = perOccupation.computeIfAbsent(o.name(), k -> new int[2]);
            c[0]++;
            if (o.stereotypedGender().equals(n.get("gender").asText())) {
                c[1]++;
            }
        }
        assertEquals(8, perOccupation.size());
        perOccupation.forEach((occ, c) -> assertEquals(0.9, (double) c[1] / c[0], 0.05, occ));
        assertTrue(Files.exists(dir.resolve("x.jsonl.provenance.json")));
        assertTrue(r.out().contains("wrote 1000 records"), r.out());
    }

    @Test
    void theSameSeedGivesTheSameBytes() throws Exception {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        Path c = dir.resolve("c.jsonl");
        assertEquals(0, debias("generate", "bios", "--n", "300", "--seed", "5", "--out", a.toString()).code());
        assertEquals(0, debias("generate", "bios", "--n", "300", "--seed", "5", "--out", b.toString()).code());
        assertEquals(0, debias("generate", "bios", "--n", "300", "--seed", "6", "--out", c.toString()).code());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
    }

    @Test
    void aMalformedThirdLineFailsWithExitOneNamingLineThree() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"text\":\"one\"}\n{\"text\":\"two\"}\n{\"text\": two}\n{\"text\":\"four\"}\n");
        Run r = debias("corpus", "stats", f.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("bad.jsonl:3: malformed JSON"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose:\n" + r.err());

        Run verbose = debias("corpus", "stats", f.toString(), "--verbose");
        assertEquals(ExitCodes.BAD_INPUT, verbose.code());
        assertTrue(verbose.err().contains("\tat "), "a stack trace with --verbose");
    }

    @Test
    void skipInvalidCountsAndReportsEverySkippedRecord() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"text\":\"one\"}\n[1]\n{\"text\":\"three\"}\n{\"body\":\"four\"}\n");
        Run r = debias("corpus", "stats", f.toString(), "--skip-invalid");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("2 records, 2 skipped"), r.out());
        assertTrue(r.err().contains("skipped 2 invalid record(s) of 4"), r.err());
        assertTrue(r.err().contains("bad.jsonl:2: expected a JSON object"), r.err());
        assertTrue(r.err().contains("bad.jsonl:4: no field 'text'"), r.err());
    }

    @Test
    void badUsageIsExitOne() {
        assertAll(
                () -> assertEquals(ExitCodes.BAD_INPUT, debias("generate", "bios").code(), "missing --out"),
                () -> assertEquals(ExitCodes.BAD_INPUT, debias("corpus", "stats", "--no-such-option", "x.jsonl").code()),
                () -> assertEquals(ExitCodes.BAD_INPUT, debias("corpus", "stats", dir.resolve("missing.jsonl").toString()).code()),
                () -> assertEquals(ExitCodes.BAD_INPUT,
                        debias("generate", "bios", "--n", "0", "--out", dir.resolve("z.jsonl").toString()).code()),
                () -> assertEquals(ExitCodes.BAD_INPUT,
                        debias("generate", "bios", "--cooccurrence", "1.5", "--out", dir.resolve("z.jsonl").toString()).code()),
                () -> assertEquals(ExitCodes.BAD_INPUT, debias("corpus", "stats", "--format", "xml", "x").code()));
    }

    @Test
    void aRuntimeFailureIsExitTwo() throws Exception {
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        Run r = debias("generate", "bios", "--n", "5", "--out", notADir.resolve("out.jsonl").toString());
        assertEquals(ExitCodes.FAILURE, r.code(), r.err());
        assertTrue(r.err().startsWith("debias: failed: "), r.err());
    }

    @Test
    void convertKeepsEveryFieldThroughCsvAndBack() throws Exception {
        Path src = dir.resolve("in.jsonl");
        Files.writeString(src, """
                {"id":"a","body":"Hello, \\"world\\"","occupation":"nurse","gender":"female","lang":"en"}
                {"id":"b","body":"Line one\\nline two","occupation":"surgeon","gender":"male","lang":"fr"}
                """);
        Path csv = dir.resolve("mid.csv");
        Path back = dir.resolve("back.jsonl");
        Run toCsv = debias("corpus", "convert", src.toString(), "--text-field", "body", "--label-field", "occupation",
                "--id-field", "id", "--group-field", "gender", "--out", csv.toString());
        assertEquals(0, toCsv.code(), toCsv.err());
        assertEquals("id,body,occupation,gender,lang", Files.readAllLines(csv).get(0));
        Run toJsonl = debias("corpus", "convert", csv.toString(), "--text-field", "body", "--label-field", "occupation",
                "--id-field", "id", "--out", back.toString());
        assertEquals(0, toJsonl.code(), toJsonl.err());
        List<String> original = Files.readAllLines(src);
        List<String> roundTrip = Files.readAllLines(back);
        assertEquals(original.size(), roundTrip.size());
        for (int i = 0; i < original.size(); i++) {
            assertEquals(JSON.readTree(original.get(i)), JSON.readTree(roundTrip.get(i)));
        }
    }

    @Test
    void statsPrintsTheLabelByGroupTable() throws Exception {
        Path f = dir.resolve("s.csv");
        Files.writeString(f, "text,label,gender\nA nurse.,nurse,female\nA nurse.,nurse,female\nA nurse.,nurse,male\n"
                + "A surgeon.,surgeon,male\n");
        Run r = debias("corpus", "stats", f.toString(), "--label-field", "label", "--group-field", "gender");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*nurse\\s+2 \\( 66\\.7%\\)\\s+1 \\( 33\\.3%\\).*"), r.out());
        assertTrue(r.out().matches("(?s).*surgeon\\s+0 \\(  0\\.0%\\)\\s+1 \\(100\\.0%\\).*"), r.out());
    }

    @Test
    void benchIoPrintsATableAndOneJsonLineWithRatios() throws Exception {
        Run r = debias("bench", "io", "--records", "200", "--repeats", "1", "--work-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        JsonNode json = JSON.readTree(lines[lines.length - 1]);
        assertEquals("io", json.get("stage").asText());
        for (String ratio : List.of("jsonl_read_vs_linecount", "jsonl_write_vs_linecount", "csv_read_vs_linecount",
                "csv_write_vs_linecount")) {
            double v = json.get("ratios").get(ratio).asDouble();
            assertTrue(v > 0 && Double.isFinite(v), ratio + " = " + v);
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the benchmark removes its files");
        }
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
