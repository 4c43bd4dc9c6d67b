package dev.debias.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.evaluate.group.PredictionColumns;
import dev.debias.evaluate.scores.PowerMean;
import dev.debias.evaluate.scores.ScoreResult;
import dev.debias.evaluate.scores.ThresholdFree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The threshold-free part of an evaluation: read from a predictions file, written to all three files, or skipped. */
class EvaluatorScoresTest {
    private static final PredictionColumns COLUMNS = new PredictionColumns("label", "prediction", List.of("gender", "age"),
            null, "text");
    /*
     * (gender, label, p(1)); the data of ThresholdFreeHandWorkedTest: overall AUC 12.5/16, subgroup AUCs .75,
     * BPSN a .875 and b .75. Age splits the records in halves, old and young.
     */
    private static final Object[][] ROWS = {{"b", 1, 0.8}, {"b", 1, 0.6}, {"b", 0, 0.7}, {"b", 0, 0.1}, {"a", 1, 0.9},
        {"a", 1, 0.4}, {"a", 0, 0.6}, {"a", 0, 0.2}};

    @TempDir
    Path dir;

    private Path predictions(boolean withProbabilities) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS.length; i++) {
            double p = (double) ROWS[i][2];
            Map<String, String> r = new java.util.LinkedHashMap<>();
            r.put("label", ROWS[i][1].toString());
            r.put("prediction", p >= 0.5 ? "1" : "0");
            r.put("gender", (String) ROWS[i][0]);
            r.put("age", i % 2 == 0 ? "old" : "young");
            if (withProbabilities) {
                r.put("probabilities", String.format(java.util.Locale.ROOT, "0=%.6f;1=%.6f", 1 - p, p));
            }
            rows.add(r);
        }
        return EvaluatorTest.jsonl(dir.resolve("predictions.jsonl"), rows);
    }

    private static Evaluator.Builder builder(Path p) {
        return Evaluator.builder().optPredictions(p).optColumns(COLUMNS).optBootstrap(200).optSeed(4).optMinGroupSize(2);
    }

    @Test
    void probabilitiesInThePredictionsFileGiveEveryMeasurePerGrouping() throws Exception {
        Evaluation e = builder(predictions(true)).optIntersect(true).build().run();
        ThresholdFree t = e.thresholdFree();
        assertNotNull(t);
        assertEquals(List.of("gender", "age", "gender x age"), t.results().stream().map(ScoreResult::grouping).toList());
        ScoreResult g = t.result("gender", "1").orElseThrow();
        assertEquals(12.5 / 16, g.overall().auc().value(), 1e-9);
        assertEquals(0.875, g.group("a").orElseThrow().bpsnAuc().value(), 1e-9);
        assertNotNull(g.group("a").orElseThrow().bpsnAuc().low(), "with an interval");
        assertEquals(0.75, g.mean(PowerMean.SUBGROUP_AUC).orElseThrow().value().value(), 1e-9);
        assertEquals("probabilities", e.config().get("probability_field"));
        assertEquals("10", e.config().get("calibration_bins"));
        assertEquals(200, t.bootstrap());
        assertEquals(4, t.seed());
        assertEquals(2, t.minGroupSize());
        assertEquals("pairs", t.format());
        // gender x age: four groups of one positive and one negative, ranked right in each (a x old .9 > .6,
        // a x young .4 > .2, b x old .8 > .7, b x young .6 > .1): every subgroup AUC and their power mean are 1
        ScoreResult x = t.result("gender x age", "1").orElseThrow();
        assertEquals(4, x.groups().size());
        assertEquals(1.0, x.mean(PowerMean.SUBGROUP_AUC).orElseThrow().value().value(), 1e-12);
    }

    @Test
    void theMeasuresRoundTripAndReachTheCsvAndTheReport() throws Exception {
        Evaluation e = builder(predictions(true)).build().run();
        Path json = EvaluationFiles.write(e, dir.resolve("out"));
        assertEquals(e, EvaluationFiles.read(json));
        String text = Files.readString(json, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"threshold_free\"") && text.contains("\"bpsn_auc\"")
                && text.contains("\"subgroup_auc_power_mean\""), "snake_case keys");
        List<String> csv = Files.readAllLines(dir.resolve("out").resolve(EvaluationFiles.CSV_FILE));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("threshold_free,gender,a,1,bpsn_auc,0.875,")), csv.toString());
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("threshold_free,gender,(overall),1,auc,0.78125,")), csv.toString());
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("threshold_free,age,,1,final_score,")), csv.toString());
        String html = Files.readString(dir.resolve("out").resolve(EvaluationFiles.HTML_FILE));
        assertTrue(html.contains("Threshold-free measures by gender") && html.contains("bpsn_auc_power_mean"), "report");
    }

    @Test
    void withoutProbabilitiesTheMeasuresAreSkippedWithAReasonUnlessTheFieldWasNamed() throws Exception {
        Path p = predictions(false);
        Evaluation e = builder(p).build().run();
        assertNull(e.thresholdFree());
        assertTrue(e.warnings().stream().anyMatch(w -> w.startsWith("threshold-free and calibration measures skipped: "
                + "predictions.jsonl has no field 'probabilities'")), e.warnings().toString());
        assertEquals(e, EvaluationFiles.read(EvaluationFiles.write(e, dir.resolve("out"))));
        InvalidInputException x = assertThrows(InvalidInputException.class,
                () -> builder(p).optProbabilities("scores", 10).build().run());
        assertTrue(x.getMessage().startsWith("predictions.jsonl:1: no field 'scores' (named by " + Setting.PROBABILITY_FIELD),
                x.getMessage());
    }

    @Test
    void badCalibrationBinsAreBadInput() throws Exception {
        InvalidInputException x = assertThrows(InvalidInputException.class,
                () -> builder(predictions(true)).optProbabilities(null, 0).build().run());
        assertTrue(x.getMessage().contains("bins >= 1 (got 0)"), x.getMessage());
    }
}
