package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code debias augment} on axes of more than two groups ({@code --target-shares}) and on axes without pairs. */
class AugmentMultiGroupCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** nurse: 6 black, 2 white, 2 asian records; one record of no group. */
    private Path race() throws IOException {
        List<String> lines = new ArrayList<>();
        String[] terms = {"African American", "African American", "African American", "African American",
            "African American", "African American", "European American", "European American", "Asian American",
            "Asian American"};
        for (int i = 0; i < terms.length; i++) {
            lines.add("{\"id\":\"r" + i + "\",\"text\":\"The " + terms[i] + " nurse met family " + i
                    + ".\",\"label\":\"nurse\"}");
        }
        lines.add("{\"id\":\"z\",\"text\":\"The lake froze.\",\"label\":\"nurse\"}");
        return Files.write(dir.resolve("race.jsonl"), lines, StandardCharsets.UTF_8);
    }

    private static JsonNode summary(Path out) throws IOException {
        return JSON.readTree(Path.of(out + ".augment.json").toFile());
    }

    @Test
    void targetSharesRebalanceARaceCorpus() throws IOException {
        Path in = race();
        Path out = dir.resolve("fair.jsonl");
        // black 0.5, white 0.25, the 4 groups not named 0.0625 each: N' = max(6 / 0.5, 2 / 0.25, 2 / 0.0625) = 32,
        // asian the most over-represented: black 16 - 6 = 10 copies, white 8 - 2 = 6, hispanic, middle_eastern,
        // native_american round(2) = 2 each, all from the 2 asian records
        AugmentCommandTest.Run r = AugmentCommandTest.debias("augment", in.toString(), "--axis", "race", "--names", "none",
                "--label-field", "label", "--id-field", "id", "--mode", "rebalance", "--target-shares",
                "black=0.5,white=0.25", "--out", out.toString(), "--threads", "2");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode s = summary(out);
        assertTrue(s.get("counts_balance").asBoolean());
        assertEquals("black=0.5,white=0.25", s.get("config").get("target_shares").asText());
        assertEquals(10, s.get("out_by_transform").get("counterfactual:black").asLong(), s.toString());
        assertEquals(6, s.get("out_by_transform").get("counterfactual:white").asLong());
        assertEquals(2, s.get("out_by_transform").get("counterfactual:native_american").asLong());
        assertEquals(0.5, s.get("rates_after").get("nurse").get("black").asDouble(), 1e-12);
        assertEquals(0.25, s.get("rates_after").get("nurse").get("white").asDouble(), 1e-12);
        assertTrue(r.err().contains("warning: label nurse: 10 copies toward black needed from 2 candidate records"),
                r.err());
    }

    @Test
    void raceRebalanceDefaultsToParityAndBadSharesNameTheOption() throws IOException {
        Path in = race();
        Path out = dir.resolve("parity.jsonl");
        AugmentCommandTest.Run r = AugmentCommandTest.debias("augment", in.toString(), "--axis", "race", "--names", "none",
                "--label-field", "label", "--id-field", "id", "--mode", "rebalance", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals("parity", summary(out).get("config").get("target_shares").asText());
        assertEquals(1.0 / 6, summary(out).get("rates_after").get("nurse").get("asian").asDouble(), 1e-12);
        AugmentCommandTest.Run bad = AugmentCommandTest.debias("augment", in.toString(), "--axis", "race", "--names",
                "none", "--label-field", "label", "--id-field", "id", "--mode", "rebalance", "--target-shares",
                "black=0.7,white=0.4", "--out", dir.resolve("bad.jsonl").toString());
        assertEquals(ExitCodes.BAD_INPUT, bad.code(), bad.err());
        assertTrue(bad.err().contains("--target-shares"), bad.err());
    }

    @Test
    void maskOnDisabilityAndReweighOnAUserAxisWithoutPairs() throws IOException {
        Path in = Files.write(dir.resolve("d.jsonl"), List.of(
                "{\"id\":\"1\",\"text\":\"A deaf teacher.\",\"label\":\"a\"}",
                "{\"id\":\"2\",\"text\":\"A hearing teacher.\",\"label\":\"b\"}"), StandardCharsets.UTF_8);
        Path masked = dir.resolve("m.jsonl");
        AugmentCommandTest.Run m = AugmentCommandTest.debias("augment", in.toString(), "--axis", "disability",
                "--label-field", "label", "--id-field", "id", "--mode", "mask", "--out", masked.toString());
        assertEquals(ExitCodes.OK, m.code(), m.err());
        assertTrue(Files.readString(masked).contains("A [MASK] teacher."), Files.readString(masked));
        Path terms = Files.writeString(dir.resolve("caste.tsv"), "caste\tupper\tbrahmin\ncaste\tlower\tdalit\n");
        Path cin = Files.write(dir.resolve("c.jsonl"), List.of(
                "{\"id\":\"1\",\"text\":\"A brahmin cook.\",\"label\":\"a\"}",
                "{\"id\":\"2\",\"text\":\"A brahmin priest.\",\"label\":\"b\"}",
                "{\"id\":\"3\",\"text\":\"A dalit cook.\",\"label\":\"a\"}"), StandardCharsets.UTF_8);
        Path weighted = dir.resolve("w.jsonl");
        AugmentCommandTest.Run w = AugmentCommandTest.debias("augment", cin.toString(), "--axis", "caste", "--terms",
                terms.toString(), "--label-field", "label", "--id-field", "id", "--mode", "reweigh", "--out",
                weighted.toString());
        assertEquals(ExitCodes.OK, w.code(), w.err());
        assertTrue(summary(weighted).get("counts_balance").asBoolean());
        // upper|a: n(upper) 2, n(a) 2, N 3, n(upper, a) 1: 2 * 2 / 3 = 1.333
        assertEquals(4.0 / 3, summary(weighted).get("weights").get("upper|a").asDouble(), 1e-12);
        AugmentCommandTest.Run two = AugmentCommandTest.debias("augment", cin.toString(), "--axis", "caste", "--terms",
                terms.toString(), "--label-field", "label", "--id-field", "id", "--mode", "two-sided", "--out",
                dir.resolve("t.jsonl").toString());
        assertEquals(ExitCodes.BAD_INPUT, two.code(), two.err());
        assertTrue(two.err().contains("use mask or reweigh"), two.err());
    }
}
