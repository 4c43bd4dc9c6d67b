package dev.debias.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeedsTest {
    @Test
    void streamIsSeedTimesGammaPlusIndex() {
        // 2 * 0x9E3779B97F4A7C15 wraps to 0x3C6EF372FE94F82A; plus 3
        assertEquals(0x3C6EF372FE94F82DL, Seeds.stream(2, 3));
    }

    @Test
    void mixIsSplitMix64() {
        // The finaliser fixes zero.
        assertEquals(0L, Seeds.mix(0, 0));
        // SplitMix64 seeded with 0 first outputs the finaliser of one gamma: 0xE220A8397B1DCDAF
        // (the reference sequence of Vigna's splitmix64.c), i.e. mix(seed 1, index 0).
        assertEquals(0xE220A8397B1DCDAFL, Seeds.mix(1, 0));
    }

    @Test
    void unitIsTheTop53BitsInZeroOne() {
        assertEquals((0xE220A8397B1DCDAFL >>> 11) * 0x1.0p-53, Seeds.unit(1, 0));
        for (long i = 0; i < 1000; i++) {
            double u = Seeds.unit(7, i);
            assertTrue(u >= 0 && u < 1, "unit(7, " + i + ") = " + u);
        }
        assertNotEquals(Seeds.unit(7, 1), Seeds.unit(7, 2));
    }
}
