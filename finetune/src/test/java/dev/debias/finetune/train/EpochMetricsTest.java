package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Accuracy and macro-F1, against numbers worked out by hand. */
class EpochMetricsTest {
    // gold/predicted over 5 labels; label 4 never occurs nor is predicted
    private static final int[] GOLD = {0, 0, 0, 1, 1, 2, 2, 2, 2, 3};
    private static final int[] PRED = {0, 0, 1, 1, 2, 2, 2, 0, 2, 3};

    @Test
    void accuracyAndMacroF1ByHand() {
        // correct: 7 of 10
        // label 0: tp 2, fp 1, fn 1 -> F1 4/6; label 1: tp 1, fp 1, fn 1 -> 2/4
        // label 2: tp 3, fp 1, fn 1 -> 6/8;    label 3: tp 1 -> 1;  label 4: absent -> 0
        double f1 = (4.0 / 6 + 2.0 / 4 + 6.0 / 8 + 1.0 + 0.0) / 5;
        double[] s = EpochMetrics.score(GOLD, PRED, 5);
        assertEquals(0.7, s[0], 1e-12);
        assertEquals(f1, s[1], 1e-12);
        assertEquals(0.5833333333333334, s[1], 1e-12);
        // the same predictions over 4 labels: the absent label no longer drags the mean down
        assertEquals((4.0 / 6 + 2.0 / 4 + 6.0 / 8 + 1.0) / 4, EpochMetrics.score(GOLD, PRED, 4)[1], 1e-12);
    }

    @Test
    void perfectAllWrongAndEmpty() {
        assertArrayEquals(new double[] {1, 1}, EpochMetrics.score(new int[] {0, 1, 1}, new int[] {0, 1, 1}, 2), 1e-12);
        // always predicting class 1 on gold [0, 0, 1]: label 0 F1 0, label 1 F1 2/(2+2+0)=... tp 1 fp 2 -> 2/4
        double[] s = EpochMetrics.score(new int[] {0, 0, 1}, new int[] {1, 1, 1}, 2);
        assertEquals(1.0 / 3, s[0], 1e-12);
        assertEquals((0 + 0.5) / 2, s[1], 1e-12);
        assertArrayEquals(new double[] {0, 0}, EpochMetrics.score(new int[] {1, 0}, new int[] {0, 1}, 2), 1e-12);
        assertArrayEquals(new double[] {0, 0}, EpochMetrics.score(new int[0], new int[0], 3), 1e-12);
    }

    @Test
    void valuePicksTheMetric() {
        EpochMetrics m = new EpochMetrics(1, 10, 0.5, 0.6, 0.9, 0.8, 1.0, true);
        assertEquals(0.9, m.value(Metric.ACCURACY));
        assertEquals(0.8, m.value(Metric.MACRO_F1));
    }
}
