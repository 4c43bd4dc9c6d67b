package dev.debias.evaluate.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.stats.Estimate;
import dev.debias.core.ArtifactProvenance;
import dev.debias.core.InvalidInputException;
import dev.debias.evaluate.Evaluation;
import dev.debias.evaluate.EvaluationFiles;
import dev.debias.evaluate.counterfactual.CounterfactualResult;
import dev.debias.evaluate.counterfactual.FlipStatistics;
import dev.debias.evaluate.group.Gap;
import dev.debias.evaluate.group.GroupFairnessResult;
import dev.debias.evaluate.group.GroupMetrics;
import dev.debias.evaluate.intrinsic.SeatResult;
import dev.debias.evaluate.intrinsic.WeatResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Comparing evaluations: Kendall's tau-b between measures, Student-t means over seeds, and the files. */
class ComparisonsTest {
    /** The 0.975 quantile of Student's t with 2 degrees of freedom. */
    private static final double T2 = 4.302652729911275;
    /** The 0.975 quantile of Student's t with 1 degree of freedom. */
    private static final double T1 = 12.706204736174696;

    @TempDir
    Path dir;

    static Estimate est(Double v) {
        return v == null ? Estimate.undefined("no records labelled 'x' in group 'g'") : Estimate.of(v, v - 0.05, v + 0.05);
    }

    /**
     * An evaluation of grouping {@code gender} with the given accuracy and the four compared gaps (null:
     * undefined), a flip rate when {@code flip} is not null, and one SEAT effect size when {@code seat} is not null.
     */
    static Evaluation eval(Map<String, String> design, double accuracy, Double dp, Double eo, Double eodds, Double rms,
            Double flip, Double seat) {
        Estimate none = Estimate.undefined("not part of this test");
        GroupMetrics overall = new GroupMetrics(GroupMetrics.OVERALL, 100, est(accuracy), none, none, List.of());
        List<Gap> gaps = List.of(new Gap(Gap.DEMOGRAPHIC_PARITY, null, est(dp), List.of(), "dp"),
                new Gap(Gap.EQUAL_OPPORTUNITY, null, est(eo), List.of(), "eo"),
                new Gap(Gap.EQUALIZED_ODDS, null, est(eodds), List.of(), "eodds"),
                new Gap(Gap.DISPARATE_IMPACT, null, est(0.9), List.of(), "not compared"),
                new Gap(Gap.GAP_RMS, null, est(rms), List.of(), "rms"));
        GroupFairnessResult g = new GroupFairnessResult("gender", List.of(), null, List.of(), overall, List.of(), gaps,
                List.of(), 1000, 1, null);
        CounterfactualResult cf = flip == null ? null : new CounterfactualResult("gender", 10,
                new FlipStatistics(FlipStatistics.ALL, 10, 1, est(flip), est(0.1)), List.of(), List.of(), 1000, 1);
        List<SeatResult> seats = seat == null ? List.of() : List.of(new SeatResult("words", "x", "y", "a", "b", "enc",
                new WeatResult(seat, null, 0.1, true, 70, 1, 0.1, 0.1, 4, 4, 4, 4)));
        return new Evaluation(Evaluation.SCHEMA, null, design, Map.of(), Map.of(), List.of(g), null, cf, seats, null, null,
                List.of(), Map.of());
    }

    static Map<String, String> design(String data, String seed) {
        return Map.of("data", data, "seed", seed);
    }

    /*
     * Four runs; a, b, c are seeds 1, 2, 3 of data=orig, d is seed 1 of data=cda.
     *            accuracy  dp   eo   eodds  rms  flip
     *   a        0.80      0.1  0.1  0.4    0.5  0.2
     *   b        0.82      0.2  0.3  0.3    0.5  -
     *   c        0.87      0.3  0.3  0.2    0.5  -
     *   d        0.90      0.4  0.2  0.1    0.5  -
     */
    static final List<String> NAMES = List.of("a", "b", "c", "d");

    static List<Evaluation> fourRuns() {
        return List.of(eval(design("orig", "1"), 0.80, 0.1, 0.1, 0.4, 0.5, 0.2, null),
                eval(design("orig", "2"), 0.82, 0.2, 0.3, 0.3, 0.5, null, null),
                eval(design("orig", "3"), 0.87, 0.3, 0.3, 0.2, 0.5, null, null),
                eval(design("cda", "1"), 0.90, 0.4, 0.2, 0.1, 0.5, null, null));
    }

    static MeasureAgreement agreement(Comparison c, String first, String second) {
        return c.agreement().stream().filter(a -> a.first().equals(first) && a.second().equals(second)).findFirst()
                .orElseThrow(() -> new AssertionError("no agreement " + first + " / " + second + " in " + c.agreement()));
    }

    @Test
    void measuresAreAccuracyThenTheGapsFlipRateAndSeat() {
        Comparison c = Comparisons.of(NAMES, fourRuns(), null);
        assertEquals(Comparison.SCHEMA, c.schema());
        assertEquals("gender", c.grouping());
        assertEquals(List.of(Comparison.ACCURACY, Gap.DEMOGRAPHIC_PARITY, Gap.EQUAL_OPPORTUNITY, Gap.EQUALIZED_ODDS,
                Gap.GAP_RMS, Comparison.FLIP_RATE), c.measures(), "disparate impact is not compared");
        assertEquals(NAMES, c.runs().stream().map(RunSummary::name).toList());
        RunSummary a = c.runs().get(0);
        assertEquals(0.80, a.measures().get(Comparison.ACCURACY).value());
        assertEquals(0.2, a.measures().get(Comparison.FLIP_RATE).value());
        assertNull(c.runs().get(1).measures().get(Comparison.FLIP_RATE), "b has no counterfactual test");
        assertEquals(design("orig", "1"), a.design());

        Comparison s = Comparisons.of(List.of("x", "y"), List.of(eval(Map.of(), 0.8, 0.1, 0.1, 0.1, 0.1, null, 0.5),
                eval(Map.of(), 0.8, 0.2, 0.1, 0.1, 0.1, null, -0.25)), null);
        assertTrue(s.measures().contains(Comparison.SEAT + "words"), s.measures().toString());
        assertEquals(-0.25, s.runs().get(1).measures().get("seat:words").value());
    }

    @Test
    void kendallTauBByHand() {
        Comparison c = Comparisons.of(NAMES, fourRuns(), null);
        // dp ranks a<b<c<d; eo 0.1, 0.3, 0.3, 0.2: concordant pairs ab ac ad, discordant bd cd, bc tied in eo:
        // tau-b = (3 - 2) / sqrt((6 - 0) * (6 - 1))
        MeasureAgreement dpEo = agreement(c, Gap.DEMOGRAPHIC_PARITY, Gap.EQUAL_OPPORTUNITY);
        assertEquals(1 / Math.sqrt(30), dpEo.tau(), 1e-12);
        assertEquals(4, dpEo.runs());
        assertNull(dpEo.undefined());
        assertEquals(-1.0, agreement(c, Gap.DEMOGRAPHIC_PARITY, Gap.EQUALIZED_ODDS).tau(), 1e-12, "reversed order");
        // eo against eodds (0.4, 0.3, 0.2, 0.1): discordant ab ac ad, concordant bd cd, bc tied
        assertEquals(-1 / Math.sqrt(30), agreement(c, Gap.EQUAL_OPPORTUNITY, Gap.EQUALIZED_ODDS).tau(), 1e-12);

        MeasureAgreement flat = agreement(c, Gap.DEMOGRAPHIC_PARITY, Gap.GAP_RMS);
        assertNull(flat.tau());
        assertEquals("one measure is the same for every run", flat.undefined());
        MeasureAgreement few = agreement(c, Gap.DEMOGRAPHIC_PARITY, Comparison.FLIP_RATE);
        assertNull(few.tau());
        assertEquals(1, few.runs());
        assertTrue(few.undefined().contains("at least 2 runs"), few.undefined());
        // every pair of the five bias measures, accuracy left out
        assertEquals(10, c.agreement().size());
        assertTrue(c.agreement().stream().noneMatch(m -> m.first().equals(Comparison.ACCURACY)
                || m.second().equals(Comparison.ACCURACY)));
    }

    @Test
    void kendallSkipsRunsWhereAMeasureIsUndefined() {
        List<Evaluation> runs = new ArrayList<>(fourRuns());
        runs.set(1, eval(design("orig", "2"), 0.82, 0.2, null, 0.3, 0.5, null, null));
        MeasureAgreement m = agreement(Comparisons.of(NAMES, runs, null), Gap.DEMOGRAPHIC_PARITY, Gap.EQUAL_OPPORTUNITY);
        // a, c, d: dp 0.1 0.3 0.4, eo 0.1 0.3 0.2: concordant ac ad, discordant cd
        assertEquals(3, m.runs());
        assertEquals(1.0 / 3, m.tau(), 1e-12);
    }

    @Test
    void designsPoolSeedsWithAStudentTInterval() {
        Comparison c = Comparisons.of(NAMES, fourRuns(), null);
        assertEquals(2, c.designs().size());
        DesignSummary orig = c.designs().get(0);
        assertEquals(Map.of("data", "orig"), orig.design(), "everything but the seed");
        assertEquals(List.of("a", "b", "c"), orig.runs());
        assertEquals(List.of("1", "2", "3"), orig.seeds());

        // accuracy 0.80, 0.82, 0.87: mean 0.83, sample sd sqrt(0.0026 / 2), standard error sd / sqrt(3)
        Estimate acc = orig.measures().get(Comparison.ACCURACY);
        double se = Math.sqrt(0.0026 / 2) / Math.sqrt(3);
        assertEquals(0.83, acc.value(), 1e-12);
        assertEquals(0.83 - T2 * se, acc.low(), 1e-9);
        assertEquals(0.83 + T2 * se, acc.high(), 1e-9);
        assertNull(acc.undefined());
        // dp 0.1, 0.2, 0.3: mean 0.2, sd 0.1
        Estimate dp = orig.measures().get(Gap.DEMOGRAPHIC_PARITY);
        assertEquals(0.2, dp.value(), 1e-12);
        assertEquals(0.2 - T2 * 0.1 / Math.sqrt(3), dp.low(), 1e-9);
        assertEquals(0.2 + T2 * 0.1 / Math.sqrt(3), dp.high(), 1e-9);

        DesignSummary cda = c.designs().get(1);
        assertEquals(Map.of("data", "cda"), cda.design());
        assertEquals(List.of("d"), cda.runs());
        Estimate one = cda.measures().get(Comparison.ACCURACY);
        assertEquals(0.90, one.value(), 1e-12);
        assertNull(one.low(), "one seed: no interval");
        assertNull(one.high());
        assertEquals("one run: no interval across seeds", one.undefined());
    }

    @Test
    void undefinedValuesAreSkippedWithANote() {
        List<Evaluation> runs = List.of(eval(design("orig", "1"), 0.80, 0.1, 0.1, null, 0.5, null, null),
                eval(design("orig", "2"), 0.82, 0.2, null, null, 0.5, null, null),
                eval(design("orig", "3"), 0.87, 0.3, 0.3, null, 0.5, null, null));
        DesignSummary d = Comparisons.of(List.of("a", "b", "c"), runs, null).designs().get(0);
        // eo: 0.1 and 0.3 over 2 of 3 runs, t with 1 degree of freedom, sd sqrt(0.02), se 0.1
        Estimate eo = d.measures().get(Gap.EQUAL_OPPORTUNITY);
        assertEquals(0.2, eo.value(), 1e-12);
        assertEquals(0.2 - T1 * 0.1, eo.low(), 1e-9);
        assertEquals(0.2 + T1 * 0.1, eo.high(), 1e-9);
        assertEquals("over the 2 of 3 runs that define it", eo.undefined());
        Estimate eodds = d.measures().get(Gap.EQUALIZED_ODDS);
        assertFalse(eodds.isDefined(), "undefined everywhere: undefined, never 0");
        assertEquals("undefined in all 3 runs", eodds.undefined());
    }

    @Test
    void badInputs() {
        List<Evaluation> runs = fourRuns();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Comparisons.of(List.of("a", "b", "a", "d"), runs, null));
        assertTrue(e.getMessage().contains("run names repeat: [a, b, a, d]"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Comparisons.of(NAMES, runs, "race"));
        assertEquals("a has no grouping 'race'; it has [gender]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Comparisons.of(List.of("a"), runs, null));
        assertThrows(IllegalArgumentException.class, () -> Comparisons.of(List.of(), List.of(), null));
        assertEquals("gender", Comparisons.of(NAMES, runs, "gender").grouping());
    }

    @Test
    void anEvaluationWithoutGroupMetricsHasNoAccuracy() {
        Evaluation onlyFlips = new Evaluation(Evaluation.SCHEMA, null, Map.of(), Map.of(), Map.of(), List.of(), null,
                new CounterfactualResult("gender", 10, new FlipStatistics(FlipStatistics.ALL, 10, 1, est(0.1), est(0.1)),
                        List.of(), List.of(), 1000, 1), List.of(), null, null, List.of(), Map.of());
        Comparison c = Comparisons.of(List.of("x", "y"), List.of(onlyFlips, fourRuns().get(0)), null);
        assertEquals("gender", c.grouping(), "taken from the first evaluation that has one");
        assertNull(c.runs().get(0).measures().get(Comparison.ACCURACY));
        assertTrue(ComparisonFiles.csv(c).contains("x,,accuracy,,,,not measured\n"), ComparisonFiles.csv(c));
    }

    @Test
    void formulaLikeRunNamesAndDesignsAreNeutralisedInTheCsv() {
        List<Evaluation> runs = List.of(eval(design("=cmd", "1"), 0.8, -0.1, 0.1, 0.4, 0.5, null, null),
                eval(design("=cmd", "2"), 0.82, 0.2, 0.3, 0.3, 0.5, null, null));
        String csv = ComparisonFiles.csv(Comparisons.of(List.of("@run", "-run"), runs, null));
        assertTrue(csv.contains("\n'@run,data==cmd seed=1,accuracy,0.8,"), csv);
        assertTrue(csv.contains("\n'-run,data==cmd seed=2,"), csv);
        assertTrue(csv.contains("'@run,data==cmd seed=1," + Gap.DEMOGRAPHIC_PARITY + ",-0.1,"), "numbers unchanged: " + csv);
    }

    @Test
    void comparisonFilesAreWritten() throws Exception {
        List<Evaluation> runs = fourRuns();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            files.add(EvaluationFiles.write(runs.get(i), dir.resolve(NAMES.get(i))));
        }
        List<Evaluation> read = new ArrayList<>();
        for (Path f : files) {
            read.add(EvaluationFiles.read(f));
        }
        Comparison c = Comparisons.of(NAMES, read, null);
        assertEquals(Comparisons.of(NAMES, runs, null), c, "the same from the written metrics.json files");
        Path out = dir.resolve("cmp");
        ComparisonFiles.write(c, files, out);
        for (String f : List.of(ComparisonFiles.JSON_FILE, ComparisonFiles.CSV_FILE, ComparisonFiles.AGREEMENT_FILE,
                ComparisonFiles.HTML_FILE)) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
            ArtifactProvenance p = ArtifactProvenance.read(ArtifactProvenance.sidecarOf(out.resolve(f)));
            assertEquals("evaluate compare", p.operation());
            assertEquals(4, p.inputs().size(), p.inputs().toString());
            assertTrue(p.inputs().containsKey("a/metrics.json"), p.inputs().toString());
        }

        JsonNode json = new ObjectMapper().readTree(out.resolve(ComparisonFiles.JSON_FILE).toFile());
        assertEquals(Comparison.SCHEMA, json.get("schema").asText());
        assertEquals(4, json.get("runs").size());
        assertEquals(2, json.get("designs").size());

        List<String> csv = Files.readAllLines(out.resolve(ComparisonFiles.CSV_FILE), StandardCharsets.UTF_8);
        assertEquals("run,design,measure,value,low,high,note", csv.get(0));
        // 4 runs x 6 measures, and one pooled row per measure for the design with 3 seeds
        assertEquals(1 + 4 * 6 + 6, csv.size(), String.join("\n", csv));
        assertTrue(csv.contains("a,data=orig seed=1,accuracy,0.8," + (0.8 - 0.05) + "," + (0.8 + 0.05) + ","),
                String.join("\n", csv));
        assertTrue(csv.contains("b,data=orig seed=2,flip_rate,,,,not measured"), String.join("\n", csv));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("mean of 3 seeds,data=orig,accuracy,0.83")), String.join("\n", csv));
        assertTrue(csv.contains("mean of 3 seeds,data=orig,flip_rate,0.2,,,one run: no interval across seeds"),
                String.join("\n", csv));

        List<String> agreement = Files.readAllLines(out.resolve(ComparisonFiles.AGREEMENT_FILE), StandardCharsets.UTF_8);
        assertEquals("first,second,kendall_tau_b,runs,note", agreement.get(0));
        assertEquals(1 + 10, agreement.size());
        String dpEo = agreement.stream().filter(l -> l.startsWith(Gap.DEMOGRAPHIC_PARITY + "," + Gap.EQUAL_OPPORTUNITY + ","))
                .findFirst().orElseThrow();
        String[] f = dpEo.split(",", -1);
        assertEquals(1 / Math.sqrt(30), Double.parseDouble(f[2]), 1e-12);
        assertEquals("4", f[3]);
        assertTrue(agreement.contains(Gap.DEMOGRAPHIC_PARITY + "," + Gap.GAP_RMS + ",,4,one measure is the same for every run"),
                String.join("\n", agreement));

        String html = Files.readString(out.resolve(ComparisonFiles.HTML_FILE), StandardCharsets.UTF_8);
        assertTrue(html.contains("data-chart=\"bars\""));
        assertTrue(html.contains("data-chart=\"scatter\""));
        assertTrue(html.contains("equalized_odds_difference versus accuracy"), "the scatter plots equalized odds");
        assertTrue(html.contains("Pooled over seeds"));
        assertTrue(html.contains("one measure is the same for every run"), "the undefined tau keeps its reason");
    }

    @Test
    void meanAndKendallHelpers() {
        assertEquals(Estimate.undefined("undefined in all 2 runs"), Comparisons.mean(new double[0], 2));
        Estimate m = Comparisons.mean(new double[] {1, 2, 3}, 3);
        assertEquals(2.0, m.value(), 1e-12);
        assertEquals(2 - T2 / Math.sqrt(3), m.low(), 1e-9);
        List<double[]> tied = new ArrayList<>(List.of(new double[] {1, 1}, new double[] {2, 1}, new double[] {3, 2}));
        // x 1 2 3, y 1 1 2: concordant 13 23, tied in y 12: tau-b = 2 / sqrt(3 * 2)
        assertEquals(2 / Math.sqrt(6), Comparisons.kendall("x", "y", tied).tau(), 1e-12);
    }
}
