package dev.debias.audit.report;

import dev.debias.audit.AuditCell;
import dev.debias.audit.AuditResult;
import dev.debias.audit.GroundTruthReport;
import dev.debias.audit.IntersectionReport;
import dev.debias.report.CsvCells;
import dev.debias.stats.Estimate;
import dev.debias.stats.EstimateFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes {@code audit.csv}: one row per cell, term cells, label cells, intersection cells ({@code
 * intersection_terms}, {@code intersection_labels}: the axis column is the intersection, the group column
 * the cell) and ground-truth cells alike (told apart by the {@code kind} column), with the group-vs-other-groups, base-rate and no-term
 * comparisons; an undefined value is an empty field. Text cells (axis, group,
 * target) are made safe for spreadsheets by {@link CsvCells#safe}; numbers are written as they are.
 */
public final class AuditCsv {
    /** The header, in order. */
    public static final List<String> HEADER = List.of("kind", "axis", "group", "target", "group_units", "target_units",
            "both_units", "comparison_units", "comparison_both_units", "p_target_given_group", "p_target_given_group_low",
            "p_target_given_group_high", "p_group_given_target", "p_group_given_target_low", "p_group_given_target_high",
            "p_target_given_comparison", "p_target_given_comparison_low", "p_target_given_comparison_high",
            "rate_difference", "rate_difference_low", "rate_difference_high", "rate_ratio", "rate_ratio_low",
            "rate_ratio_high", "pmi", "log_odds", "log_odds_z", "p_value", "none_units", "none_both_units", "p_target",
            "p_target_low", "p_target_high", "base_difference", "base_difference_low", "base_difference_high",
            "p_target_given_none", "p_target_given_none_low", "p_target_given_none_high", "none_difference",
            "none_difference_low", "none_difference_high", "none_ratio", "none_ratio_low", "none_ratio_high",
            "none_log_odds_z", "design_effect", "supported");

    private AuditCsv() {}

    /** The CSV text of a result's cells. */
    public static String toCsv(AuditResult result) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            p.printRecord(HEADER);
            for (AuditCell c : result.cells()) {
                p.printRecord(row("terms", c));
            }
            for (AuditCell c : result.labels()) {
                p.printRecord(row("labels", c));
            }
            for (IntersectionReport x : result.intersections()) {
                for (AuditCell c : x.cells()) {
                    p.printRecord(row("intersection_terms", c));
                }
                for (AuditCell c : x.labels()) {
                    p.printRecord(row("intersection_labels", c));
                }
            }
            for (GroundTruthReport g : result.groundTruth()) {
                for (AuditCell c : g.labels()) {
                    p.printRecord(row("ground_truth_labels", c));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<String> row(String kind, AuditCell c) {
        List<String> r = new ArrayList<>(List.of(kind, CsvCells.safe(c.axis()), CsvCells.safe(c.group()),
                CsvCells.safe(c.target()), Long.toString(c.groupUnits()),
                Long.toString(c.targetUnits()), Long.toString(c.bothUnits()), Long.toString(c.comparisonUnits()),
                Long.toString(c.comparisonBothUnits())));
        for (Estimate e : List.of(c.targetGivenGroup(), c.groupGivenTarget(), c.targetGivenComparison(),
                c.rateDifference(), c.rateRatio())) {
            r.addAll(EstimateFormat.SIGNIFICANT_6.cells(e));
        }
        r.add(num(c.pmi()));
        r.add(num(c.logOdds()));
        r.add(num(c.logOddsZ()));
        r.add(num(c.pValue()));
        r.add(Long.toString(c.noneUnits()));
        r.add(Long.toString(c.noneBothUnits()));
        for (Estimate e : List.of(c.targetRate(), c.baseDifference(), c.targetGivenNone(), c.noneDifference(),
                c.noneRatio())) {
            r.addAll(EstimateFormat.SIGNIFICANT_6.cells(e));
        }
        r.add(num(c.noneLogOddsZ()));
        r.add(num(c.designEffect()));
        r.add(Boolean.toString(c.supported()));
        return r;
    }

    static String num(Double v) {
        return EstimateFormat.SIGNIFICANT_6.cell(v);
    }
}
