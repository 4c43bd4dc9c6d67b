package dev.debias.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BootstrapTest {
    @Test
    void intervalIsThe2Point5And97Point5PercentilesOfTheReplicates() {
        Estimate e = Bootstrap.interval(3, new double[] {1, 2, 3, 4, 5});
        assertEquals(3, e.value());
        // positions 4 * 0.025 = 0.1 and 4 * 0.975 = 3.9
        assertEquals(1.1, e.low(), 1e-12);
        assertEquals(4.9, e.high(), 1e-12);
        assertNull(e.undefined());
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.interval(1, new double[0]));
    }

    @Test
    void meanOfEqualValuesHasADegenerateInterval() {
        Estimate e = Bootstrap.mean(new double[] {2, 2, 2, 99}, 3, 50, 7);
        assertEquals(Estimate.of(2, 2, 2), e, "only the first n = 3 values count");
    }

    @Test
    void meanWithoutReplicatesHasNoInterval() {
        Estimate e = Bootstrap.mean(new double[] {1, 2, 6}, 3, 0, 7);
        assertEquals(new Estimate(3.0, null, null, "no interval: bootstrap off"), e);
    }

    @Test
    void sameSeedSameIntervalInsideTheRangeOfTheValues() {
        double[] v = {0, 1, 0, 0, 1, 1, 1, 0, 1, 1};
        Estimate a = Bootstrap.mean(v, v.length, 400, 11);
        assertEquals(a, Bootstrap.mean(v, v.length, 400, 11));
        assertEquals(0.6, a.value(), 1e-12);
        assertTrue(a.low() >= 0 && a.low() < 0.6 && a.high() > 0.6 && a.high() <= 1, a.toString());
    }

    @Test
    void rejectsNoValuesAndNegativeReplicates() {
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.mean(new double[] {1}, 0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.mean(new double[] {1}, 1, -1, 1));
    }
}
