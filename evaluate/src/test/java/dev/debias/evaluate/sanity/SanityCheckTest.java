package dev.debias.evaluate.sanity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.evaluate.group.PredictionSet;
import dev.debias.stats.Coverage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SanityCheckTest {
    private static PredictionSet set(List<String> labels, List<String> predicted, List<String> classes) {
        return PredictionSet.of(labels, predicted, Map.of(), classes);
    }

    @Test
    void aModelThatAlwaysPredictsTheMajorityClassIsNotClearOfIt() {
        // 6 a, 3 b, 1 c, all predicted a: accuracy 0.6 = the majority baseline's, so the difference is 0 in every
        // replicate. Chance: 1/3 accuracy; macro-F1 (1/3)(2*.6/(3*.6+1) + 2*.3/(3*.3+1) + 2*.1/(3*.1+1))
        // = (1/3)(0.428571 + 0.315789 + 0.153846) = 0.299402. The model's macro-F1: a's F1 = 2*6/(6+10) = 0.75,
        // b and c 0 -> 0.25, below chance. Class c has 1 test record.
        List<String> labels = List.of("a", "a", "a", "a", "a", "a", "b", "b", "b", "c");
        Sanity s = SanityCheck.builder().setPredictions(set(labels, java.util.Collections.nCopies(10, "a"),
                List.of("a", "b", "c"))).optBootstrap(200).optMinClassRecords(2).build().check();
        assertEquals("a", s.majorityClass());
        assertEquals("test", s.majorityFrom());
        assertEquals(0.6, s.majorityAccuracy(), 1e-12);
        assertEquals(1.0 / 3, s.chanceAccuracy(), 1e-12);
        assertEquals(0.299402, s.chanceMacroF1(), 1e-6);
        assertEquals(0.25, s.macroF1().value(), 1e-12);
        assertEquals(0.0, s.accuracyOverMajority().value(), 1e-12);
        assertEquals(0.0, s.accuracyOverMajority().low(), 1e-12);
        assertFalse(s.passed());
        assertEquals(Map.of("c", 1L), s.smallClasses());
        assertTrue(s.summary().startsWith("not better than chance: accuracy 0.600"), s.summary());
        assertTrue(s.warnings().get(1).contains("class 'c' has 1 test record(s)"), s.warnings().toString());
    }

    @Test
    void aGoodModelPassesAndTheTrainingMajorityIsUsedWhenGiven() {
        // 40 records, 20 a / 20 b, 36 right: accuracy 0.9; the training majority is b (share 0.5 in the test)
        List<String> labels = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String l = i < 20 ? "a" : "b";
            labels.add(l);
            predicted.add(i % 10 == 0 ? (l.equals("a") ? "b" : "a") : l);
        }
        Sanity s = SanityCheck.builder().setPredictions(set(labels, predicted, null)).optTrainCounts(Map.of("a", 5L, "b", 9L))
                .optBootstrap(500).build().check();
        assertEquals("b", s.majorityClass());
        assertEquals("train", s.majorityFrom());
        assertEquals(0.5, s.majorityAccuracy(), 1e-12);
        assertEquals(0.4, s.accuracyOverMajority().value(), 1e-12);   // 0.9 - 0.5
        assertTrue(s.passed(), s.summary());
        assertTrue(s.warnings().isEmpty());
    }

    @Test
    void theIntervalOfAccuracyMinusTheBaselinesCoversTheTruth() {
        // 3 classes with shares 0.5 / 0.3 / 0.2; the model is right with probability 0.605, else a uniform other
        // class. Truth: accuracy minus the majority share 0.605 - 0.5 = 0.105 (the test majority is class 0 almost
        // always: with 400 records, 0.5 against 0.3 is 9 standard errors apart); minus chance 0.605 - 1/3. (0.605 is
        // off the lattice k/400 on which accuracies lie, so no interval ends exactly on the truth.)
        int n = 400;
        Coverage.Result overMajority = Coverage.intervals("sanity accuracy - majority", 400, 21,
                seed -> new Coverage.Trial(0.105, simulate(n, seed).accuracyOverMajority()));
        Coverage.Result overChance = Coverage.intervals("sanity accuracy - chance", 400, 22,
                seed -> new Coverage.Trial(0.605 - 1.0 / 3, simulate(n, seed).accuracyOverChance()));
        System.out.println(overMajority + "\n" + overChance);
        Coverage.assertCovers(overMajority);
        Coverage.assertCovers(overChance);
    }

    private static Sanity simulate(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> labels = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            int y = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
            int p = r.nextDouble() < 0.605 ? y : (y + 1 + r.nextInt(2)) % 3;
            labels.add("c" + y);
            predicted.add("c" + p);
        }
        return SanityCheck.builder().setPredictions(set(labels, predicted, List.of("c0", "c1", "c2"))).optBootstrap(400)
                .optSeed(~seed).build().check();   // not the data's own stream
    }
}
