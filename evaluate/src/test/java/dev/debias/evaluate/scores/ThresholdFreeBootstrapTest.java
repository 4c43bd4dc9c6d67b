package dev.debias.evaluate.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.stats.Estimate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded, stratified percentile bootstrap intervals of the threshold-free measures. */
class ThresholdFreeBootstrapTest {
    /** 300 records in two groups, scores of positives shifted up; seeded. */
    private static ScoreData data() {
        SplittableRandom r = new SplittableRandom(5);
        ScoreData d = new ScoreData();
        for (int i = 0; i < 300; i++) {
            String g = i % 3 == 0 ? "b" : "a";
            int y = r.nextDouble() < 0.4 ? 1 : 0;
            double x = r.nextGaussian() + (y == 1 ? 1 : 0) + (g.equals("b") ? 0.3 : 0);
            d.add(g, y, Math.round(1e6 / (1 + Math.exp(-x))) / 1e6);
        }
        return d;
    }

    @Test
    void theSameSeedGivesIdenticalResultsAndAnotherSeedOtherIntervals() {
        ThresholdFree one = data().builder().optBootstrap(300).optSeed(9).build().evaluate();
        ThresholdFree two = data().builder().optBootstrap(300).optSeed(9).build().evaluate();
        assertEquals(one, two);
        ThresholdFree other = data().builder().optBootstrap(300).optSeed(10).build().evaluate();
        ScoreResult a = one.results().get(0);
        ScoreResult b = other.results().get(0);
        assertEquals(a.overall().auc().value(), b.overall().auc().value());
        assertNotEquals(a.overall().auc().low(), b.overall().auc().low());
        assertEquals(300, one.bootstrap());
        assertEquals(9, one.seed());
    }

    @Test
    void everyIntervalHoldsItsPointAndHasAPlausibleWidth() {
        ScoreResult r = data().builder().optBootstrap(1000).build().evaluate().results().get(0);
        java.util.List<Estimate> all = new java.util.ArrayList<>(java.util.List.of(r.overall().auc(),
                r.overall().calibrationError(), r.overall().calibrationDifference(), r.finalScore()));
        r.means().forEach(m -> all.add(m.value()));
        for (SubgroupScores g : r.groups()) {
            all.addAll(java.util.List.of(g.auc(), g.bpsnAuc(), g.bnspAuc(), g.calibrationError(),
                    g.calibrationDifference()));
        }
        for (Estimate e : all) {
            assertNotNull(e.low(), e.toString());
            assertTrue(e.low() <= e.value() && e.value() <= e.high(), e.toString());
        }
        // AUC over 300 records with ~120 positives: standard error about .03, so a 95% interval about .12 wide
        Estimate auc = r.overall().auc();
        assertTrue(auc.high() - auc.low() > 0.07 && auc.high() - auc.low() < 0.18, auc.toString());
    }

    @Test
    void bootstrapOffGivesValuesWithoutIntervals() {
        Estimate e = data().builder().optBootstrap(0).build().evaluate().results().get(0).overall().auc();
        assertNotNull(e.value());
        assertEquals("no interval: bootstrap off", e.undefined());
    }

    @Test
    void anIntervalMostReplicatesCannotDefineIsNotReported() {
        // group c holds one positive and one negative: most resamples of c lack one of them
        ScoreData d = new ScoreData().add("a", 1, 0.8).add("a", 0, 0.3).add("a", 1, 0.6).add("a", 0, 0.4)
                .add("c", 1, 0.7).add("c", 0, 0.2);
        SubgroupScores c = d.builder().optBootstrap(400).build().evaluate().results().get(0).group("c").orElseThrow();
        assertEquals(1.0, c.auc().value());
        assertTrue(c.auc().undefined().startsWith("no interval: only"), c.auc().toString());
    }
}
