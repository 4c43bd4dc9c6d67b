package dev.debias.stats;

import static dev.debias.stats.ClusteredSample.NG;
import static dev.debias.stats.ClusteredSample.NR;
import static dev.debias.stats.ClusteredSample.NZ;
import static dev.debias.stats.ClusteredSample.XG;
import static dev.debias.stats.ClusteredSample.XR;
import static dev.debias.stats.ClusteredSample.XZ;
import static dev.debias.stats.ClusteredSample.e;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClusteredProportionsTest {
    // 200 documents of 1..30 sentences, document rates ~ Beta(1, 2) (mean 1/3, intra-document correlation
    // 1 / (a + b + 1) = 0.25); G sentences at the document rate, R at half of it, Z at 0.8 of it. Over
    // 4000 repetitions (seed 99) the clustered intervals covered 94.4% (rate), 94.8% (difference) and
    // 95.1% (ratio), the independent-units Wilson interval 78%.
    private static final ClusteredSample SAMPLE = new ClusteredSample(200, 30, 1, 2, new double[] {0.3, 0.3, 0.4},
            new double[] {1, 0.5, 0.8});
    // The same with each document about G or about R (its other sentences hold no group). Over 4000
    // repetitions (seed 77): difference 94.6%, no-term difference 95.2%, base-rate difference 94.4%. In
    // SAMPLE the no-term difference covers 95.9%: G and Z sentences of one document share its rate, the
    // difference's design effect is then often below 1 and the floor at 1 makes it slightly conservative.
    private static final ClusteredSample APART = new ClusteredSample(200, 30, 1, 2, new double[] {0.3, 0.3, 0.4},
            new double[] {1, 0.5, 0.8}, true);

    @Test
    void twoClustersOfIdenticalUnitsHaveTheDesignEffectOfTheirSize() {
        // cluster 1: 2 of 2 units with the target, cluster 2: 0 of 2. p = 0.5, N = 4;
        // e = (2 - 0.5 * 2) / 4 = 0.25 and -0.25, V = 2 / 1 * 0.125 = 0.25; V_srs = 0.25 / 4; deff = 4
        ClusteredProportions.Moments m = ClusteredProportions.Moments.of(new double[][] {{2, 2}, {0, 2}});
        double deff = ClusteredProportions.rateDeff(m, new double[] {1, 0}, new double[] {0, 1});
        assertEquals(4, deff, 1e-12);
        Estimate clustered = ClusteredProportions.wilson(2, 4, deff);
        Estimate effective = Proportions.wilson(0.5, 1.0);
        assertEquals(0.5, clustered.value());
        assertEquals(effective.low(), clustered.low());
        assertEquals(effective.high(), clustered.high());
    }

    @Test
    void unitClustersHaveTheFinitePopulationFactorOnly() {
        // 10 clusters of one unit, 3 with the target: sum e^2 = N p (1 - p) / N^2, so V / V_srs = C / (C - 1)
        double[][] v = new double[10][];
        for (int i = 0; i < 10; i++) {
            v[i] = new double[] {i < 3 ? 1 : 0, 1};
        }
        var m = ClusteredProportions.Moments.of(v);
        assertEquals(10.0 / 9, ClusteredProportions.rateDeff(m, new double[] {1, 0}, new double[] {0, 1}), 1e-12);
    }

    @Test
    void aDifferenceWithinTheSameClustersCarriesTheirCovariance() {
        // cluster 1: one A unit and one B unit, both with the target; cluster 2: one of each, neither.
        // pA = pB = 0.5; eA = eB in every cluster, so eA - eB = 0 and V = 0: deff is floored at 1, where
        // summing the two sides' clustered variances would have given deff 2
        var m = ClusteredProportions.Moments.of(new double[][] {{1, 1, 1, 1}, {0, 1, 0, 1}});
        double[] xa = {1, 0, 0, 0};
        double[] na = {0, 1, 0, 0};
        double[] xb = {0, 0, 1, 0};
        double[] nb = {0, 0, 0, 1};
        assertEquals(1, ClusteredProportions.differenceDeff(m, xa, na, xb, nb));
        assertEquals(2, ClusteredProportions.rateDeff(m, xa, na), 1e-12);
    }

    @Test
    void designEffectOneGivesTheIndependentUnitsEstimatesExactly() {
        assertEquals(Proportions.wilson(3, 17), ClusteredProportions.wilson(3, 17, 1));
        assertEquals(Proportions.difference(3, 17, 9, 20), ClusteredProportions.difference(3, 17, 9, 20, 1));
        assertEquals(Proportions.ratio(3, 17, 9, 20), ClusteredProportions.ratio(3, 17, 9, 20, 1));
    }

    @Test
    void theBaseDifferenceIsTheComplementDifferenceScaled() {
        // 6 of 20 group units, 10 of 80 others: P(t) = 16 / 100; 0.3 - 0.16 = 0.14 = 0.8 * (0.3 - 0.125)
        Estimate d = ClusteredProportions.baseDifference(6, 20, 10, 80, 1);
        assertEquals(0.14, d.value(), 1e-12);
        Estimate complement = Proportions.difference(6, 20, 10, 80);
        assertEquals(0.8 * complement.low(), d.low(), 1e-12);
        assertEquals(0.8 * complement.high(), d.high(), 1e-12);
    }

    @Test
    void clusteredRateCoversTheTruth() {
        Coverage.assertCovers(Coverage.intervals("clustered rate", 400, 11, s -> {
            var m = ClusteredProportions.Moments.of(SAMPLE.draw(s));
            double deff = ClusteredProportions.rateDeff(m, e(XG), e(NG));
            return new Coverage.Trial(SAMPLE.truth(0), ClusteredProportions.wilson(sum(m, XG), sum(m, NG), deff));
        }));
    }

    @Test
    void unclusteredRateUnderCoversOnTheSameData() {
        Coverage.Result r = Coverage.intervals("independent-units rate", 400, 11, s -> {
            var m = ClusteredProportions.Moments.of(SAMPLE.draw(s));
            return new Coverage.Trial(SAMPLE.truth(0), Proportions.wilson(sum(m, XG), sum(m, NG)));
        });
        assertTrue(r.rate() < Coverage.COVERAGE_LOW, "the independent-units interval should under-cover: " + r);
    }

    @Test
    void clusteredDifferenceCoversTheTruth() {
        Coverage.assertCovers(Coverage.intervals("clustered difference", 400, 12, s -> {
            var m = ClusteredProportions.Moments.of(SAMPLE.draw(s));
            double deff = ClusteredProportions.differenceDeff(m, e(XG), e(NG), e(XR), e(NR));
            return new Coverage.Trial(SAMPLE.truth(0) - SAMPLE.truth(1),
                    ClusteredProportions.difference(sum(m, XG), sum(m, NG), sum(m, XR), sum(m, NR), deff));
        }));
    }

    @Test
    void clusteredDifferenceCoversTheTruthWhenDocumentsHoldOneGroup() {
        ClusteredSample apart = APART;
        Coverage.assertCovers(Coverage.intervals("clustered difference, one group per document", 400, 16, s -> {
            var m = ClusteredProportions.Moments.of(apart.draw(s));
            double deff = ClusteredProportions.differenceDeff(m, e(XG), e(NG), e(XR), e(NR));
            return new Coverage.Trial(apart.truth(0) - apart.truth(1),
                    ClusteredProportions.difference(sum(m, XG), sum(m, NG), sum(m, XR), sum(m, NR), deff));
        }));
    }

    @Test
    void unclusteredDifferenceUnderCoversWhenDocumentsHoldOneGroup() {
        ClusteredSample apart = APART;
        Coverage.Result r = Coverage.intervals("independent-units difference, one group per document", 400, 16, s -> {
            var m = ClusteredProportions.Moments.of(apart.draw(s));
            return new Coverage.Trial(apart.truth(0) - apart.truth(1),
                    Proportions.difference(sum(m, XG), sum(m, NG), sum(m, XR), sum(m, NR)));
        });
        assertTrue(r.rate() < Coverage.COVERAGE_LOW, "the independent-units interval should under-cover: " + r);
    }

    @Test
    void clusteredRatioCoversTheTruth() {
        Coverage.assertCovers(Coverage.intervals("clustered ratio", 400, 13, s -> {
            var m = ClusteredProportions.Moments.of(SAMPLE.draw(s));
            double deff = ClusteredProportions.logRatioDeff(m, e(XG), e(NG), e(XR), e(NR));
            return new Coverage.Trial(SAMPLE.truth(0) / SAMPLE.truth(1),
                    ClusteredProportions.ratio(sum(m, XG), sum(m, NG), sum(m, XR), sum(m, NR), deff));
        }));
    }

    @Test
    void clusteredNoTermDifferenceCoversTheTruth() {
        Coverage.assertCovers(Coverage.intervals("clustered no-term difference", 400, 14, s -> {
            var m = ClusteredProportions.Moments.of(APART.draw(s));
            double deff = ClusteredProportions.differenceDeff(m, e(XG), e(NG), e(XZ), e(NZ));
            return new Coverage.Trial(APART.truth(0) - APART.truth(2),
                    ClusteredProportions.difference(sum(m, XG), sum(m, NG), sum(m, XZ), sum(m, NZ), deff));
        }));
    }

    @Test
    void clusteredBaseDifferenceCoversTheTruth() {
        Coverage.assertCovers(Coverage.intervals("clustered base-rate difference", 400, 15, s -> {
            var m = ClusteredProportions.Moments.of(APART.draw(s));
            double deff = ClusteredProportions.differenceDeff(m, e(XG), e(NG), e(XR, XZ), e(NR, NZ));
            return new Coverage.Trial(APART.truth(0) - APART.truthAll(), ClusteredProportions.baseDifference(
                    sum(m, XG), sum(m, NG), sum(m, XR) + sum(m, XZ), sum(m, NR) + sum(m, NZ), deff));
        }));
    }

    private static long sum(ClusteredProportions.Moments m, int variable) {
        return Math.round(m.sums()[variable]);
    }
}
