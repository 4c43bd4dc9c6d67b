package dev.debias.evaluate.scores;

import dev.debias.stats.Coverage;
import dev.debias.stats.Estimate;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Simulation coverage of the threshold-free intervals (issue 16): data drawn with a known truth, 400 seeded
 * repetitions, 500 bootstrap replicates each, and the 95% intervals must cover the truth in 93-97% of them.
 *
 * <p>AUCs: two groups of 200 records, each record positive with probability 1/2, and a latent score
 * {@code x ~ N(mu(group, label), 1)} turned into a probability by the logistic function (monotone, so it keeps
 * every AUC). An AUC of positives from {@code N(m1, 1)} against negatives from {@code N(m0, 1)} is
 * {@code Phi((m1 - m0) / sqrt 2)}, so the subgroup, BPSN and BNSP AUCs of group a are known in closed form, the
 * overall AUC is the mean of the four group-pair AUCs (equal expected counts), and the power mean of the two
 * subgroup AUCs follows from them.
 *
 * <p>Calibration: probabilities {@code p ~ U(0.1, 0.8)} and labels {@code y ~ Bernoulli(p + bias)}, bias 0.1 in
 * group a and 0 in b, so the calibration difference (mean p minus the positive rate) is -0.1 in a, 0 in b and
 * -0.05 overall.
 */
class ThresholdFreeCoverageTest {
    private static final int REPETITIONS = Coverage.REPETITIONS;
    private static final int REPLICATES = 500;
    private static final int PER_GROUP = 200;
    private static final NormalDistribution PHI = new NormalDistribution(0, 1);
    /** Latent means: group a negatives, a positives, b negatives, b positives. */
    private static final double A0 = 0;
    private static final double A1 = 1.0;
    private static final double B0 = 0.3;
    private static final double B1 = 0.8;

    private static double auc(double m1, double m0) {
        return PHI.cumulativeProbability((m1 - m0) / Math.sqrt(2));
    }

    private static ScoreResult binormal(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ScoreData d = new ScoreData();
        for (String g : new String[] {"a", "b"}) {
            for (int i = 0; i < PER_GROUP; i++) {
                int y = r.nextDouble() < 0.5 ? 1 : 0;
                double mu = g.equals("a") ? (y == 1 ? A1 : A0) : (y == 1 ? B1 : B0);
                d.add(g, y, 1 / (1 + Math.exp(-(mu + r.nextGaussian()))));
            }
        }
        return d.builder().optPositiveLabel("1").optBootstrap(REPLICATES).optSeed(seed).build().evaluate().results().get(0);
    }

    private static ScoreResult calibration(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ScoreData d = new ScoreData();
        for (String g : new String[] {"a", "b"}) {
            double bias = g.equals("a") ? 0.1 : 0;
            for (int i = 0; i < PER_GROUP; i++) {
                double p = 0.1 + 0.7 * r.nextDouble();
                d.add(g, r.nextDouble() < p + bias ? 1 : 0, p);
            }
        }
        return d.builder().optPositiveLabel("1").optBootstrap(REPLICATES).optSeed(seed).build().evaluate().results().get(0);
    }

    /** Each repetition is simulated once and read by every check. */
    private static Function<Long, ScoreResult> cached(Function<Long, ScoreResult> f) {
        Map<Long, ScoreResult> cache = new HashMap<>();
        return s -> cache.computeIfAbsent(s, f);
    }

    private static void check(String name, long seed, Function<Long, ScoreResult> sim, double truth,
            Function<ScoreResult, Estimate> pick) {
        Coverage.Result r = Coverage.intervals(name, REPETITIONS, seed, s -> new Coverage.Trial(truth, pick.apply(sim.apply(s))));
        System.out.println("coverage " + r);
        Coverage.assertCovers(r);
    }

    @Test
    void aucSubgroupBpsnBnspAndPowerMeanIntervalsCoverTheBinormalTruth() {
        Function<Long, ScoreResult> sim = cached(ThresholdFreeCoverageTest::binormal);
        double overall = (auc(A1, A0) + auc(A1, B0) + auc(B1, A0) + auc(B1, B0)) / 4;
        check("overall AUC", 16, sim, overall, r -> r.overall().auc());
        check("subgroup AUC a", 16, sim, auc(A1, A0), r -> r.group("a").orElseThrow().auc());
        check("BPSN AUC a", 16, sim, auc(B1, A0), r -> r.group("a").orElseThrow().bpsnAuc());
        check("BNSP AUC a", 16, sim, auc(A1, B0), r -> r.group("a").orElseThrow().bnspAuc());
        double sub = powerMean(auc(A1, A0), auc(B1, B0));
        check("subgroup AUC power mean", 16, sim, sub, r -> r.mean(PowerMean.SUBGROUP_AUC).orElseThrow().value());
        // BPSN a = BNSP b pairs b's positives with a's negatives, BPSN b = BNSP a the other way round
        double cross = powerMean(auc(B1, A0), auc(A1, B0));
        check("BPSN AUC power mean", 16, sim, cross, r -> r.mean(PowerMean.BPSN_AUC).orElseThrow().value());
        check("final score", 16, sim, 0.25 * (overall + sub + 2 * cross), ScoreResult::finalScore);
    }

    private static double powerMean(double a, double b) {
        return Math.pow((Math.pow(a, -5) + Math.pow(b, -5)) / 2, -0.2);
    }

    /**
     * Ten groups of 60 records, all alike (positives N(1, 1), negatives N(0, 1)): every subgroup, BPSN and BNSP
     * AUC, their power means and the final score are Phi(1 / sqrt 2). The power mean of ten noisy AUCs lies below
     * that (measured mean 0.745 against 0.760), and the percentile interval covered in only 82% of repetitions;
     * the basic interval the means get corrects the bias but over-covers a little (measured 98.0% for the subgroup
     * mean), so this checks that it never under-covers.
     */
    @Test
    void powerMeansOverManySmallGroupsDoNotUnderCover() {
        double truth = auc(1, 0);
        Function<Long, ScoreResult> sim = cached(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            ScoreData d = new ScoreData();
            for (int g = 0; g < 10; g++) {
                for (int i = 0; i < 60; i++) {
                    int y = r.nextDouble() < 0.5 ? 1 : 0;
                    d.add("g" + g, y, 1 / (1 + Math.exp(-(y + r.nextGaussian()))));
                }
            }
            return d.builder().optPositiveLabel("1").optBootstrap(REPLICATES).optSeed(seed).build().evaluate()
                    .results().get(0);
        });
        for (String name : new String[] {PowerMean.SUBGROUP_AUC, PowerMean.BPSN_AUC, PowerMean.BNSP_AUC}) {
            Coverage.Result r = Coverage.intervals(name, REPETITIONS, 18, s -> new Coverage.Trial(truth,
                    sim.apply(s).mean(name).orElseThrow().value()));
            System.out.println("coverage " + r);
            org.junit.jupiter.api.Assertions.assertTrue(r.rate() >= Coverage.COVERAGE_LOW, "under-covers: " + r);
        }
        Coverage.Result fin = Coverage.intervals("final score", REPETITIONS, 18, s -> new Coverage.Trial(truth,
                sim.apply(s).finalScore()));
        System.out.println("coverage " + fin);
        Coverage.assertCovers(fin);
    }

    @Test
    void calibrationDifferenceIntervalsCoverTheBias() {
        Function<Long, ScoreResult> sim = cached(ThresholdFreeCoverageTest::calibration);
        check("calibration difference a", 17, sim, -0.1, r -> r.group("a").orElseThrow().calibrationDifference());
        check("calibration difference b", 17, sim, 0, r -> r.group("b").orElseThrow().calibrationDifference());
        check("calibration difference overall", 17, sim, -0.05, r -> r.overall().calibrationDifference());
    }
}
