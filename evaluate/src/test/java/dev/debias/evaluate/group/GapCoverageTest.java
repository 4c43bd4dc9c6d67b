package dev.debias.evaluate.group;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.stats.Coverage;
import dev.debias.stats.Estimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;


/**
 * Simulations with known truth for the bootstrap intervals of the group-fairness gaps: records of two
 * or three groups get a true label with a known positive share and a prediction with a known true- and
 * false-positive rate per group, so every gap's true value is known in closed form. Measured (400
 * repetitions, 300 bootstrap replicates each): the signed TPR gap and the two-group EO difference
 * cover 94-95%; three equal groups' DP and the worst of four classes, 95-96% with the simultaneous
 * interval of {@link RangeInterval} (88% and 83% with the percentile interval of the extreme pair, which it
 * replaces); three groups with one pair far ahead, 98.5%: conservative by construction.
 */
class GapCoverageTest {
    private static final int REPETITIONS = Coverage.REPETITIONS;
    private static final int BOOTSTRAP = 300;

    /** One simulated test set: {@code n[g]} records of group g, positives at share {@code pos}, rates tpr/fpr. */
    static PredictionSet simulate(long seed, int[] n, double pos, double[] tpr, double[] fpr) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> labels = new ArrayList<>();
        List<String> predictions = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < n.length; g++) {
            for (int i = 0; i < n[g]; i++) {
                boolean y = r.nextDouble() < pos;
                boolean p = r.nextDouble() < (y ? tpr[g] : fpr[g]);
                labels.add(y ? "1" : "0");
                predictions.add(p ? "1" : "0");
                groups.add("g" + g);
            }
        }
        return PredictionSet.of(labels, predictions, Map.of("group", groups), List.of("0", "1"));
    }

    static Estimate gap(PredictionSet set, String name, long seed) {
        GroupFairnessResult r = GroupFairness.builder().setPredictions(set).setGrouping(set.grouping("group"))
                .optPositiveLabel("1").optGapGroups("g0", "g1").optBootstrap(BOOTSTRAP).optSeed(seed).build().evaluate();
        return r.gaps().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void signedTprGap() {
        // TPR 0.8 vs 0.7: the gap g0 - g1 is 0.1
        Coverage.Result r = Coverage.intervals("tpr gap 0.1", REPETITIONS, 21, s -> new Coverage.Trial(0.1,
                gap(simulate(s, new int[] {300, 300}, 0.4, new double[] {0.8, 0.7}, new double[] {0.1, 0.1}),
                        "tpr_gap[1]", s)));
        System.out.println(r);
        Coverage.assertCovers(r);
    }

    @Test
    void equalOpportunityDifferenceAwayFromZero() {
        Coverage.Result r = Coverage.intervals("EO 0.15", REPETITIONS, 22, s -> new Coverage.Trial(0.15,
                gap(simulate(s, new int[] {300, 300}, 0.4, new double[] {0.8, 0.65}, new double[] {0.1, 0.1}),
                        "equal_opportunity_difference", s)));
        System.out.println(r);
        Coverage.assertCovers(r);
    }

    @Test
    void equalOpportunityDifferenceAtZero() {
        Coverage.Result r = Coverage.intervals("EO 0", REPETITIONS, 23, s -> new Coverage.Trial(0,
                gap(simulate(s, new int[] {300, 300}, 0.4, new double[] {0.8, 0.8}, new double[] {0.1, 0.1}),
                        "equal_opportunity_difference", s)));
        System.out.println(r);
        Coverage.assertCovers(r);
    }

    @Test
    void demographicParityThreeGroupsAtZero() {
        Coverage.Result r = Coverage.intervals("DP 3 groups 0", REPETITIONS, 24, s -> new Coverage.Trial(0,
                gap(simulate(s, new int[] {200, 200, 200}, 0.4, new double[] {0.8, 0.8, 0.8},
                        new double[] {0.1, 0.1, 0.1}), "demographic_parity_difference", s)));
        System.out.println(r);
        Coverage.assertCovers(r);
    }

    @Test
    void equalOpportunityThreeGroupsAwayFromZero() {
        // TPR 0.8, 0.72, 0.65: the true range is 0.15
        Coverage.Result r = Coverage.intervals("EO 3 groups 0.15", REPETITIONS, 25, s -> new Coverage.Trial(0.15,
                gap(simulate(s, new int[] {200, 200, 200}, 0.4, new double[] {0.8, 0.72, 0.65},
                        new double[] {0.1, 0.1, 0.1}), "equal_opportunity_difference", s)));
        System.out.println(r);
        // one pair far ahead: the simultaneous interval is conservative by construction (98.5% here);
        // no interval of a max over differences covers exactly 95% both here and at equality
        assertTrue(r.rate() >= Coverage.COVERAGE_LOW && r.rate() <= 0.995, r.toString());
    }

    @Test
    void worstClassOfFourAtZero() {
        // no positive label: the gap is the worst of four classes; every class has TPR 0.7 in both groups
        Coverage.Result r = Coverage.intervals("EO worst of 4 classes 0", REPETITIONS, 26, s -> {
            SplittableRandom g = new SplittableRandom(s);
            List<String> labels = new ArrayList<>();
            List<String> predictions = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            for (int i = 0; i < 800; i++) {
                int y = g.nextInt(4);
                int p = g.nextDouble() < 0.7 ? y : (y + 1 + g.nextInt(3)) % 4;
                labels.add("c" + y);
                predictions.add("c" + p);
                groups.add(i % 2 == 0 ? "g0" : "g1");
            }
            PredictionSet set = PredictionSet.of(labels, predictions, Map.of("group", groups), null);
            GroupFairnessResult res = GroupFairness.builder().setPredictions(set).setGrouping(set.grouping("group"))
                    .optGapGroups("g0", "g1").optBootstrap(BOOTSTRAP).optSeed(s).build().evaluate();
            return new Coverage.Trial(0, res.gaps().stream().filter(x -> x.name().equals("equal_opportunity_difference"))
                    .findFirst().orElseThrow().value());
        });
        System.out.println(r);
        Coverage.assertCovers(r);
    }
}
