package dev.debias.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.evaluate.Evaluation;
import dev.debias.evaluate.group.GroupFairness;
import dev.debias.evaluate.group.PredictionSet;
import dev.debias.evaluate.paired.PairedEffect;
import dev.debias.stats.Estimate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceTest {
    @TempDir
    Path dir;

    /** 40 records r1..r40, labels a/b alternating, gender f for the first 20; {@code right} of them predicted right. */
    private Path run(String name, int right, String idPrefix) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String label = i % 2 == 0 ? "a" : "b";
            String pred = i < right ? label : (label.equals("a") ? "b" : "a");
            b.append(String.format("{\"id\":\"%s%d\",\"text\":\"t\",\"label\":\"%s\",\"prediction\":\"%s\",\"gender\":\"%s\"}%n",
                    idPrefix, i + 1, label, pred, i < 20 ? "f" : "m"));
        }
        Files.writeString(d.resolve("predictions.jsonl"), b.toString());
        return d;
    }

    private static Evaluation evaluation(Path d) throws Exception {
        List<String> labels = new ArrayList<>();
        List<String> preds = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (String line : Files.readAllLines(d.resolve("predictions.jsonl"))) {
            var n = Recipes.mapper().readTree(line);
            labels.add(n.get("label").asText());
            preds.add(n.get("prediction").asText());
            groups.add(n.get("gender").asText());
        }
        PredictionSet set = PredictionSet.of(labels, preds, Map.of("gender", groups), List.of("a", "b"));
        var g = GroupFairness.builder().setPredictions(set).setGrouping(set.grouping("gender")).optBootstrap(0).build()
                .evaluate();
        return new Evaluation(Evaluation.SCHEMA, null, Map.of(), Map.of(), Map.of(), List.of(g), null, null, List.of(), null, null,
                List.of(), Map.of());
    }

    private Inference inference(Path a, Path b) throws Exception {
        Map<String, List<Path>> cells = new LinkedHashMap<>();
        cells.put("A", List.of(a));
        cells.put("B", List.of(b));
        return new Inference(cells, Map.of(a, evaluation(a), b, evaluation(b)), "gender", 200);
    }

    @Test
    void runsOnTheSameRecordsArePairedAndAUselessModelStopsTheReading() throws Exception {
        // A is right on all 40 records, B on the first 20 (the f half): accuracy 1.0 and 0.5. B's accuracy equals the
        // majority baseline's (20 a / 20 b -> 0.5), so B is not clear of it and the gate names 1 of 2 models.
        Inference inf = inference(run("A", 40, "r"), run("B", 20, "r"));
        assertNull(inf.notPaired());
        PairedEffect d = inf.difference("A", "B", "accuracy", null, null);
        assertEquals(0.5, d.difference().value(), 1e-12);
        assertTrue(d.method().startsWith("paired bootstrap: one resample of the 40 shared test records"), d.method());
        assertTrue(inf.gate().startsWith("No bias conclusion: 1 of 2 fine-tuned models are not clear of the chance and majority-class baselines"),
                inf.gate());
        assertTrue(inf.sanity().get("A").passed());
        assertNull(inf.smallClasses());
    }

    @Test
    void runsOnDifferentRecordsFallBackToUnpairedAndSaySo() throws Exception {
        Inference inf = inference(run("A", 40, "r"), run("B", 36, "x"));
        assertEquals("test record 1 is 'r1' in A but 'x1' in B", inf.notPaired());
        Effects.Summary a = Effects.pool(List.of(Estimate.of(1.0, 0.95, 1.0)));
        Effects.Summary b = Effects.pool(List.of(Estimate.of(0.9, 0.8, 1.0)));
        PairedEffect d = inf.difference("A", "B", "accuracy", a, b);
        assertEquals(0.1, d.difference().value(), 1e-12);
        assertTrue(d.method().contains("not paired: test record 1 is 'r1' in A but 'x1' in B"), d.method());
        // Welch/normal: se = sqrt((0.05/3.92)^2 + (0.2/3.92)^2) = 0.05259; z = 0.1 / 0.05259 = 1.9015; p = 2(1 - Phi(z))
        // = 0.0572, so the unpaired effect can join a Holm family
        assertEquals(0.0572, d.pValue(), 0.0005);
    }

    @Test
    void aMeasureNotRecomputedPerRecordIsNotPaired() throws Exception {
        Inference inf = inference(run("A", 40, "r"), run("B", 30, "r"));
        Effects.Summary a = Effects.pool(List.of(Estimate.of(0.2, 0.1, 0.3)));
        PairedEffect d = inf.difference("A", "B", "embedding_gap", a, a);
        assertEquals(0.0, d.difference().value(), 1e-12);
        assertTrue(d.method().contains("is not recomputed per test record"), d.method());
        assertNull(inf.gate());     // 30 of 40 right: 0.75, clear of 0.5 and of chance with 40 records
    }

    /** Writes {@code counterfactual.jsonl} into {@code d}: records {@code prefix}1.. flipped where {@code flips} has 1. */
    private static void flips(Path d, String prefix, String flips) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < flips.length(); i++) {
            b.append(String.format("{\"index\":%d,\"id\":\"%s%d\",\"flipped\":%s,\"change\":%s,\"group\":\"female\"}%n",
                    i, prefix, i + 1, flips.charAt(i) == '1', flips.charAt(i) == '1' ? "-0.5" : "0.0"));
        }
        Files.writeString(d.resolve("counterfactual.jsonl"), b.toString());
    }

    @Test
    void theFlipRateIsPairedWhenEveryRunHasItsOutcomesOnTheSameRecords() throws Exception {
        Path a = run("A", 40, "r");
        Path b = run("B", 30, "r");
        flips(a, "r", "1111000000");     // 4 of 10 flipped: 0.4
        flips(b, "r", "1100000000");     // 2 of 10: 0.2, so A - B = 0.2, every record of B's flips one of A's
        Inference inf = inference(a, b);
        PairedEffect d = inf.difference("A", "B", "flip_rate", null, null);
        assertEquals(0.2, d.difference().value(), 1e-12);
        assertTrue(d.method().startsWith("paired bootstrap over 10 records with a counterfactual"), d.method());
        // the per-record differences are 0, 0, 1, 1, 0 x 6: no replicate is below 0, so the interval starts at 0
        assertTrue(d.difference().low() >= 0 && d.difference().high() <= 0.7, d.difference().toString());
    }

    @Test
    void theFlipRateFallsBackWhenARunLacksItsOutcomesOrTheRecordsDiffer() throws Exception {
        Path a = run("A", 40, "r");
        Path b = run("B", 30, "r");
        Effects.Summary s = Effects.pool(List.of(Estimate.of(0.2, 0.1, 0.3)));
        flips(a, "r", "1111000000");
        PairedEffect d = inference(a, b).difference("A", "B", "flip_rate", s, s);
        assertTrue(d.method().contains("not paired: B has no counterfactual.jsonl"), d.method());
        flips(b, "x", "1100000000");
        d = inference(a, b).difference("A", "B", "flip_rate", s, s);
        assertTrue(d.method().contains("not paired: test record 1 is 'r1' in A but 'x1' in B"), d.method());
        assertEquals(0.0, d.difference().value(), 1e-12, "the fallback takes the summaries' difference");
    }
}
