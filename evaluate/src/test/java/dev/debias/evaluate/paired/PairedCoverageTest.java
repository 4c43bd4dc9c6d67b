package dev.debias.evaluate.paired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.evaluate.group.Gap;
import dev.debias.evaluate.group.GroupFairness;
import dev.debias.evaluate.group.PredictionSet;
import dev.debias.evaluate.group.ResampledMeasures;
import dev.debias.stats.Coverage;
import dev.debias.stats.Estimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Simulation checks of the paired and two-level differences and of Holm's adjustment ({@link Coverage}): models
 * with correlated errors on shared test records ({@link SimulatedModels}) and known population truth.
 */
class PairedCoverageTest {
    // A: TPR 0.85 (f) / 0.55 (m), TNR 0.80 -> accuracy 0.5*0.80 + 0.25*(0.85+0.55) = 0.75, EO gap 0.30
    static final SimulatedModels.Model A = new SimulatedModels.Model(0.85, 0.55, 0.80);
    // B: TPR 0.80 / 0.65, TNR 0.80 -> accuracy 0.40 + 0.25*1.45 = 0.7625, EO gap 0.15
    static final SimulatedModels.Model B = new SimulatedModels.Model(0.80, 0.65, 0.80);
    static final int N = 400;
    static final int REPLICATES = 250;

    private static PairedBootstrap pair(Map<String, List<RunRecords>> cells, long seed) {
        return PairedBootstrap.builder().setCells(cells).optBootstrap(REPLICATES).optSeed(~seed).build();   // not the data's stream
    }

    @Test
    void thePairedAccuracyDifferenceCoversTheTruth() {
        double truth = A.accuracy() - B.accuracy();     // 0.75 - 0.7625 = -0.0125
        Coverage.Result r = Coverage.intervals("paired accuracy A - B", 400, 11, seed -> {
            SimulatedModels s = new SimulatedModels(N, 0.7, new SplittableRandom(seed));
            PairedBootstrap p = pair(Map.of("A", List.of(s.records("a", A, 0)), "B", List.of(s.records("b", B, 0))), seed);
            return new Coverage.Trial(truth, p.difference("A", "B", ResampledMeasures.ACCURACY).difference());
        });
        System.out.println(r);
        Coverage.assertCovers(r);
    }

    @Test
    void thePairedTprGapDifferenceCoversTheTruth() {
        double truth = A.eo() - B.eo();                 // 0.30 - 0.15 = 0.15
        Coverage.Result r = Coverage.intervals("paired equal-opportunity gap A - B", 400, 12, seed -> {
            SimulatedModels s = new SimulatedModels(N, 0.7, new SplittableRandom(seed));
            PairedBootstrap p = pair(Map.of("A", List.of(s.records("a", A, 0)), "B", List.of(s.records("b", B, 0))), seed);
            return new Coverage.Trial(truth, p.difference("A", "B", Gap.EQUAL_OPPORTUNITY).difference());
        });
        System.out.println(r);
        Coverage.assertCovers(r);
    }

    @Test
    void theUnpairedIntervalIsWiderThanThePairedOne() {
        // The unpaired interval: each run's own bootstrap interval of accuracy, its se = width / (2 x 1.96), and a
        // normal interval of the difference with se = sqrt(se_a^2 + se_b^2), as the recipes built it before. With
        // 70% of the draws shared the errors correlate, so the paired interval must be clearly narrower.
        double paired = 0;
        double unpaired = 0;
        int reps = 60;
        for (int i = 0; i < reps; i++) {
            SimulatedModels s = new SimulatedModels(N, 0.7, new SplittableRandom(100 + i));
            PredictionSet a = s.run(A, 0);
            PredictionSet b = s.run(B, 0);
            Map<String, List<RunRecords>> cells = new LinkedHashMap<>();
            cells.put("A", List.of(new RunRecords("a", s.ids(), measures(a))));
            cells.put("B", List.of(new RunRecords("b", s.ids(), measures(b))));
            Estimate d = pair(cells, i).difference("A", "B", ResampledMeasures.ACCURACY).difference();
            paired += d.high() - d.low();
            double sa = se(a, i);
            double sb = se(b, i + 1000);
            unpaired += 2 * 1.959964 * Math.sqrt(sa * sa + sb * sb);
        }
        System.out.printf("mean width over %d runs: paired %.4f, unpaired %.4f%n", reps, paired / reps, unpaired / reps);
        assertTrue(unpaired > 1.2 * paired, "unpaired " + unpaired / reps + " vs paired " + paired / reps);
    }

    private static ResampledMeasures measures(PredictionSet set) {
        return ResampledMeasures.builder().setPredictions(set).setGrouping(set.grouping("gender")).optPositiveLabel("1")
                .build();
    }

    private static double se(PredictionSet set, long seed) {
        Estimate e = GroupFairness.builder().setPredictions(set).setGrouping(set.grouping("gender")).optBootstrap(REPLICATES)
                .optSeed(seed).build().evaluate().overall().accuracy();
        return (e.high() - e.low()) / (2 * 1.959964);
    }

    @Test
    void theTwoLevelDifferenceCoversTheTruthWithSeedNoise() {
        // Each of 5 seeds per cell shifts its run's probabilities by N(0, 0.03); the truth averages over seeds, so it
        // stays 0.75 - 0.7625. Without the seed level the interval would miss the seed-to-seed spread.
        double truth = A.accuracy() - B.accuracy();
        Coverage.Result r = Coverage.intervals("two-level accuracy A - B, 5 seeds each", 400, 13, seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            SimulatedModels s = new SimulatedModels(N, 0.7, random);
            List<RunRecords> a = new ArrayList<>();
            List<RunRecords> b = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                a.add(s.records("a" + k, A, 0.03 * gaussian(random)));
                b.add(s.records("b" + k, B, 0.03 * gaussian(random)));
            }
            return new Coverage.Trial(truth, pair(Map.of("A", a, "B", b), seed).difference("A", "B",
                    ResampledMeasures.ACCURACY).difference());
        });
        System.out.println(r);
        Coverage.assertCovers(r);
    }

    @Test
    void theTwoLevelResampleDoesNotDependOnTheOrderOfTheCells() {
        // the same cells, 3 seeds each, given in both orders: the replicates draw each cell's seeds in name order
        SplittableRandom random = new SplittableRandom(21);
        SimulatedModels s = new SimulatedModels(N, 0.7, random);
        List<RunRecords> a = new ArrayList<>();
        List<RunRecords> b = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            a.add(s.records("a" + k, A, 0.03 * gaussian(random)));
            b.add(s.records("b" + k, B, 0.03 * gaussian(random)));
        }
        Map<String, List<RunRecords>> ab = new LinkedHashMap<>();
        ab.put("A", a);
        ab.put("B", b);
        Map<String, List<RunRecords>> ba = new LinkedHashMap<>();
        ba.put("B", b);
        ba.put("A", a);
        PairedEffect first = pair(ab, 5).difference("A", "B", ResampledMeasures.ACCURACY);
        PairedEffect second = pair(ba, 5).difference("A", "B", ResampledMeasures.ACCURACY);
        assertEquals(first.difference(), second.difference());
        assertEquals(first.pValue(), second.pValue());
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller, so the simulation depends on nothing but its seed
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void holmKeepsTheFamilyWiseErrorUnderTheGlobalNull() {
        // Four interventions with the baseline's own accuracy: every null is true, so any Holm-adjusted p below 0.05
        // is a family-wise error. Holm holds it at or below 5% under any dependence; allowed up to 7% for the noise
        // of 400 repetitions.
        Coverage.Result r = Coverage.rejections("Holm over 4 paired accuracy effects", 400, 14, seed -> {
            SimulatedModels s = new SimulatedModels(N, 0.7, new SplittableRandom(seed));
            Map<String, List<RunRecords>> cells = new LinkedHashMap<>();
            for (int k = 0; k <= 4; k++) {
                cells.put("m" + k, List.of(s.records("m" + k, A, 0)));
            }
            PairedBootstrap p = pair(cells, seed);
            List<PairedEffect> family = new ArrayList<>();
            for (int k = 1; k <= 4; k++) {
                family.add(p.difference("m" + k, "m0", ResampledMeasures.ACCURACY));
            }
            return PairedBootstrap.holm(family).stream().mapToDouble(PairedEffect::holm).min().orElseThrow();
        });
        System.out.println(r);
        assertTrue(r.rate() <= Coverage.SIZE_HIGH, "family-wise error above 7%: " + r);
    }
}
