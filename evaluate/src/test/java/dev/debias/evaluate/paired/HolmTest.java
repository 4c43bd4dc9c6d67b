package dev.debias.evaluate.paired;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class HolmTest {
    @Test
    void stepsDownAndStaysMonotone() {
        // sorted: 0.01 (x3 = 0.03), 0.02 (x2 = 0.04), 0.04 (x1 = 0.04); given in another order
        assertArrayEquals(new double[] {0.04, 0.03, 0.04}, Holm.adjust(new double[] {0.04, 0.01, 0.02}), 1e-12);
        // 0.03 x 2 = 0.06, then 0.04 x 1 = 0.04 is raised to 0.06 to keep the order
        assertArrayEquals(new double[] {0.06, 0.06}, Holm.adjust(new double[] {0.03, 0.04}), 1e-12);
        // NaN does not count: m = 2 -> 0.01 x 2 = 0.02, then 0.5 x 1 = 0.5
        assertArrayEquals(new double[] {0.5, Double.NaN, 0.02}, Holm.adjust(new double[] {0.5, Double.NaN, 0.01}), 1e-12);
    }
}
