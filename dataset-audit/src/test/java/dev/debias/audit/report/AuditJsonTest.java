package dev.debias.audit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.audit.AuditCell;
import dev.debias.audit.AuditResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit.json}: snake_case names, undefined values left out, and an exact round trip. */
class AuditJsonTest {
    @TempDir
    static Path shared;

    static AuditResult odd;

    @TempDir
    Path dir;

    @BeforeAll
    static void audit() throws IOException {
        odd = AuditOutputsTest.oddNames(shared);
    }

    @Test
    void auditJsonReadsBackIntoAnEqualResult() throws IOException {
        AuditOutputs.write(odd, dir);
        AuditResult back = AuditJson.read(dir.resolve(AuditOutputs.JSON));
        assertEquals(odd.cells(), back.cells());
        assertEquals(odd.labels(), back.labels());
        assertEquals(odd.axes(), back.axes());
        assertEquals(odd.groundTruth(), back.groundTruth());
        assertEquals(odd, back);
        assertEquals(AuditJson.toJson(odd), AuditJson.toJson(back), "and writes the same text again");
    }

    @Test
    void aLargerResultWithTinyPValuesRoundTripsToo() throws IOException {
        AuditResult bios = AuditOutputsTest.bios(dir, 600);
        assertTrue(bios.cells().size() > 100, "many occupation cells: " + bios.cells().size());
        assertTrue(bios.labels().stream().anyMatch(c -> c.pValue() < 1e-10), "some label cell is far from independent");
        Path f = Files.writeString(dir.resolve("bios.json"), AuditJson.toJson(bios), StandardCharsets.UTF_8);
        assertEquals(bios, AuditJson.read(f));
    }

    @Test
    void fieldNamesAreSnakeCaseAndUndefinedValuesHaveAReasonInsteadOfANumber() throws IOException {
        String text = AuditJson.toJson(odd);
        assertTrue(text.endsWith("}\n"), "ends with a line break");
        JsonNode root = new ObjectMapper().readTree(text);
        for (String field : List.of("schema", "source", "input_sha256", "documents", "scope", "units", "intervals",
                "prior_strength", "axes", "cells", "labels", "ground_truth", "warnings", "config", "versions")) {
            assertTrue(root.has(field), "audit.json has " + field);
        }
        assertEquals(AuditResult.SCHEMA, root.get("schema").asText());
        assertEquals(5, root.get("documents").asLong());
        JsonNode cell = null;
        for (JsonNode c : root.get("cells")) {
            if (c.get("group").asText().equals("female") && c.get("target").asText().equals("astronaut")) {
                cell = c;
            }
        }
        assertTrue(cell != null, "the female / astronaut cell is written");
        for (String field : List.of("group_units", "target_units", "both_units", "comparison_units",
                "comparison_both_units", "target_given_group", "group_given_target", "target_given_comparison",
                "rate_difference", "rate_ratio", "pmi", "log_odds", "log_odds_z", "p_value")) {
            assertTrue(cell.has(field), "a cell has " + field + ": " + cell);
        }
        // astronaut never occurs: P(group | astronaut) has no denominator
        JsonNode undefined = cell.get("group_given_target");
        assertFalse(undefined.has("value"), undefined.toString());
        assertFalse(undefined.has("low"), undefined.toString());
        assertFalse(undefined.get("undefined").asText().isBlank(), undefined.toString());
        assertTrue(cell.get("pmi").isNull(), "PMI of a pair that never co-occurs is null, not -infinity");
        // and a defined estimate has a value and bounds but no reason
        JsonNode defined = cell.get("target_given_group");
        assertEquals(0.0, defined.get("value").asDouble());
        assertTrue(defined.has("low") && defined.has("high"), defined.toString());
        assertFalse(defined.has("undefined"), defined.toString());
        assertFalse(defined.has("defined"), "isDefined() is not a property: " + defined);

        AuditCell back = AuditJson.read(Files.writeString(dir.resolve("a.json"), text)).cells().stream()
                .filter(c -> c.group().equals("female") && c.target().equals("astronaut")).findFirst().orElseThrow();
        assertFalse(back.groupGivenTarget().isDefined());
    }
}
