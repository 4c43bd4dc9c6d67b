package dev.debias.audit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.audit.AuditCell;
import dev.debias.audit.AuditResult;
import dev.debias.audit.GroundTruthReport;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit.csv}: the header, one row per cell of every kind, empty fields for undefined values. */
class AuditCsvTest {
    @TempDir
    static Path shared;

    static AuditResult odd;
    static List<CSVRecord> rows;
    static List<String> header;

    @BeforeAll
    static void audit() throws IOException {
        odd = AuditOutputsTest.oddNames(shared);
        AuditOutputs.write(odd, shared.resolve("out"));
        try (Reader in = Files.newBufferedReader(shared.resolve("out").resolve(AuditOutputs.CSV), StandardCharsets.UTF_8);
                CSVParser p = CSVParser.parse(in, CSVFormat.RFC4180.builder().setHeader().get())) {
            header = p.getHeaderNames();
            rows = p.getRecords();
        }
    }

    static List<AuditCell> allCells(AuditResult r) {
        List<AuditCell> all = new ArrayList<>(r.cells());
        all.addAll(r.labels());
        for (GroundTruthReport g : r.groundTruth()) {
            all.addAll(g.labels());
        }
        return all;
    }

    @Test
    void theHeaderIsTheDocumentedOne() {
        assertEquals(AuditCsv.HEADER, header);
        assertEquals(48, AuditCsv.HEADER.size());
        String text = AuditCsv.toCsv(odd);
        assertTrue(text.startsWith(String.join(",", AuditCsv.HEADER) + "\n"), text.substring(0, 80));
    }

    @Test
    void thereIsOneRowPerCellOfEveryKindInOrder() {
        List<AuditCell> all = allCells(odd);
        assertEquals(8 + 2 + 2, all.size(), "term cells, then the positive label's cells");
        assertEquals(all.size(), rows.size());
        List<String> kinds = rows.stream().map(r -> r.get("kind")).toList();
        List<String> expected = new ArrayList<>();
        odd.cells().forEach(c -> expected.add("terms"));
        odd.labels().forEach(c -> expected.add("labels"));
        odd.groundTruth().get(0).labels().forEach(c -> expected.add("ground_truth_labels"));
        assertEquals(expected, kinds);
        for (int i = 0; i < all.size(); i++) {
            AuditCell c = all.get(i);
            CSVRecord r = rows.get(i);
            assertEquals(header.size(), r.size(), "row " + i + " has every column");
            assertEquals(c.axis(), r.get("axis"));
            assertEquals(c.group(), r.get("group"));
            assertEquals(c.target(), r.get("target"), "names with commas, quotes and markup survive quoting");
            assertEquals(c.groupUnits(), Long.parseLong(r.get("group_units")));
            assertEquals(c.targetUnits(), Long.parseLong(r.get("target_units")));
            assertEquals(c.bothUnits(), Long.parseLong(r.get("both_units")));
            assertEquals(c.comparisonUnits(), Long.parseLong(r.get("comparison_units")));
            assertEquals(c.comparisonBothUnits(), Long.parseLong(r.get("comparison_both_units")));
            assertNumber(c.targetGivenGroup().value(), r.get("p_target_given_group"));
            assertNumber(c.targetGivenGroup().low(), r.get("p_target_given_group_low"));
            assertNumber(c.targetGivenGroup().high(), r.get("p_target_given_group_high"));
            assertNumber(c.groupGivenTarget().value(), r.get("p_group_given_target"));
            assertNumber(c.targetGivenComparison().value(), r.get("p_target_given_comparison"));
            assertNumber(c.rateDifference().value(), r.get("rate_difference"));
            assertNumber(c.rateDifference().low(), r.get("rate_difference_low"));
            assertNumber(c.rateDifference().high(), r.get("rate_difference_high"));
            assertNumber(c.rateRatio().value(), r.get("rate_ratio"));
            assertNumber(c.rateRatio().low(), r.get("rate_ratio_low"));
            assertNumber(c.pmi(), r.get("pmi"));
            assertNumber(c.logOdds(), r.get("log_odds"));
            assertNumber(c.logOddsZ(), r.get("log_odds_z"));
            assertNumber(c.pValue(), r.get("p_value"));
        }
    }

    /** Six significant digits, or an empty field for an undefined value. */
    static void assertNumber(Double expected, String field) {
        if (expected == null) {
            assertEquals("", field, "an undefined value is an empty field");
            return;
        }
        assertFalse(field.isEmpty(), "a defined value " + expected + " is written");
        double got = Double.parseDouble(field);
        assertEquals(expected, got, Math.abs(expected) * 1e-5 + 1e-300, field);
    }

    @Test
    void undefinedValuesAreEmptyFieldsNotZeros() {
        CSVRecord astronaut = rows.stream()
                .filter(r -> r.get("kind").equals("terms") && r.get("group").equals("male")
                        && r.get("target").equals("astronaut"))
                .findFirst().orElseThrow();
        assertEquals("0", astronaut.get("target_units"));
        assertEquals("", astronaut.get("p_group_given_target"), "0 of 0");
        assertEquals("", astronaut.get("p_group_given_target_low"));
        assertEquals("", astronaut.get("rate_ratio"), "comparison rate 0");
        assertEquals("", astronaut.get("pmi"));
        assertEquals("", astronaut.get("log_odds"), "target rate 0");
        assertEquals("", astronaut.get("log_odds_z"));
        assertEquals(0.0, Double.parseDouble(astronaut.get("p_target_given_group")), "0 of 3 is defined");
        assertEquals(0.0, Double.parseDouble(astronaut.get("rate_difference")));
        assertEquals(1.0, Double.parseDouble(astronaut.get("p_value")));
    }

    @Test
    void aLabelThatNeedsQuotingIsQuotedAndParsesBack() {
        String text = AuditCsv.toCsv(odd);
        assertTrue(text.contains("\"R&D, \"\"lab\"\" <x>\""), "RFC 4180 quoting of " + AuditOutputsTest.ODD_LABEL);
        long odd = rows.stream().filter(r -> r.get("target").equals(AuditOutputsTest.ODD_LABEL)).count();
        assertEquals(4, odd, "2 gender groups + 2 ground-truth values");
        assertEquals(1 + rows.size(), text.split("\n", -1).length - 1, "one line per row after the header");
    }

    @Test
    void theCsvParsesFromTheStringToo() throws IOException {
        try (CSVParser p = CSVParser.parse(new StringReader(AuditCsv.toCsv(odd)),
                CSVFormat.RFC4180.builder().setHeader().get())) {
            assertEquals(rows.size(), p.getRecords().size());
        }
    }

    @Test
    void formulaLikeNamesAreNeutralisedAndNumbersAreNot() throws IOException {
        AuditCell c = odd.labels().get(0);
        AuditCell hostile = new AuditCell("=axis()", "+group", "@SUM(A1),x", c.groupUnits(), c.targetUnits(), c.bothUnits(),
                c.comparisonUnits(), c.comparisonBothUnits(), c.targetGivenGroup(), c.groupGivenTarget(),
                c.targetGivenComparison(), c.rateDifference(), c.rateRatio(), -0.05, c.logOdds(), c.logOddsZ(), c.pValue(),
                c.noneUnits(), c.noneBothUnits(), c.targetRate(), c.baseDifference(), c.targetGivenNone(),
                c.noneDifference(), c.noneRatio(), c.noneLogOddsZ(), c.designEffect(), c.supported());
        AuditResult r = new AuditResult(odd.schema(), odd.source(), odd.inputSha256(), odd.documents(), odd.scope(),
                odd.units(), odd.intervals(), odd.priorStrength(), odd.axes(), List.of(), List.of(hostile), List.of(),
                odd.warnings(), odd.config(), odd.versions(), odd.labelUnit(), odd.positiveLabel(),
                odd.dominatingDocuments(), List.of());
        try (CSVParser p = CSVParser.parse(new StringReader(AuditCsv.toCsv(r)), CSVFormat.RFC4180.builder().setHeader().get())) {
            CSVRecord row = p.getRecords().get(0);
            assertEquals("'=axis()", row.get("axis"));
            assertEquals("'+group", row.get("group"));
            assertEquals("'@SUM(A1),x", row.get("target"));
            assertEquals("-0.0500000", row.get("pmi"), "a negative number is not a text cell");
        }
    }
}
