package dev.debias.audit.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AssociationTest {

    // ---- PMI ----

    @Test
    void pmiIsZeroUnderIndependence() {
        // P(g,t) = 25/100 = P(g) P(t) = (50/100)(50/100)
        assertEquals(0.0, Association.pmi(25, 50, 50, 100), 1e-15);
    }

    @Test
    void pmiIsPositiveWhenOverRepresented() {
        // 20 * 100 / (40 * 25) = 2, log2 2 = 1
        assertEquals(1.0, Association.pmi(20, 40, 25, 100), 1e-15);
        // 40 * 100 / (40 * 50) = 2 again; 10 * 1000 / (10 * 10) = 100 -> log2 100 = 6.643856189774724
        assertEquals(1.0, Association.pmi(40, 40, 50, 100), 1e-15);
        assertEquals(6.643856189774724, Association.pmi(10, 10, 10, 1000), 1e-12);
    }

    @Test
    void pmiIsNegativeWhenUnderRepresented() {
        // 5 * 100 / (50 * 40) = 1/4, log2 = -2
        assertEquals(-2.0, Association.pmi(5, 50, 40, 100), 1e-15);
    }

    @Test
    void pmiIsNullWhenUndefined() {
        assertNull(Association.pmi(0, 50, 50, 100));
        assertNull(Association.pmi(0, 0, 0, 0));
    }

    // ---- log-odds with informative Dirichlet prior ----

    @Test
    void logOddsHandComputed() {
        // x1=30/100, x2=10/100, P(target)=0.2, strength=10: prior adds a = 2 with and b = 8 without.
        // Smoothed counts 32, 78 | 12, 98; delta = ln(32*98 / (78*12)) = ln(3136/936);
        // var = 1/32 + 1/78 + 1/12 + 1/98; z = delta / sqrt(var).
        // python: (1.2090879049927064, 3.259388653010388)
        double[] r = Association.logOdds(30, 100, 10, 100, 0.2, 10);
        assertNotNull(r);
        assertEquals(2, r.length);
        assertEquals(Math.log(3136.0 / 936.0), r[0], 1e-12);
        assertEquals(1.2090879049927064, r[0], 1e-12);
        assertEquals(3.259388653010388, r[1], 1e-12);
    }

    @Test
    void logOddsWithVanishingPriorIsTheWoolfLogOddsRatio() {
        // No smoothing: ln OR = ln(30*90 / (70*10)) = 1.349926716949016,
        // Woolf z = ln OR / sqrt(1/30 + 1/70 + 1/10 + 1/90) = 3.3882891684648633 (python).
        double[] r = Association.logOdds(30, 100, 10, 100, 0.2, 1e-9);
        assertEquals(1.349926716949016, r[0], 1e-8);
        assertEquals(3.3882891684648633, r[1], 1e-8);
    }

    @Test
    void logOddsIsNullWhenUndefined() {
        assertNull(Association.logOdds(0, 0, 5, 100, 0.1, 10));
        assertNull(Association.logOdds(5, 100, 0, 0, 0.1, 10));
        assertNull(Association.logOdds(0, 100, 0, 100, 0.0, 10));
    }

    @Test
    void logOddsIsZeroForEqualRates() {
        double[] r = Association.logOdds(10, 100, 30, 300, 0.1, 10);
        assertEquals(0.0, r[0], 1e-12);
        assertEquals(0.0, r[1], 1e-12);
    }

    @Test
    void logOddsSignFollowsDirection() {
        assertTrue(Association.logOdds(30, 100, 10, 100, 0.2, 10)[0] > 0);
        assertTrue(Association.logOdds(10, 100, 30, 100, 0.2, 10)[0] < 0);
    }

    /*
     * The intersection cell of issue 17 (female+black on Jigsaw): 0 of 1 toxic against 3 of 31 in the other cells
     * (3/31 = 0.097), the corpus rate 0.4. A prior at 0.4 (a = 4, b = 6) made the cell 4 / 7 against 7 / 34: delta
     * = ln(4/7) - ln(7/34) = +1.021, variance 1/4 + 1/7 + 1/7 + 1/34 = 0.5651, z = +1.358, the wrong sign. 0.4 lies
     * above both rates, so the prior's rate is the nearer one, 3/31: a = 30/31 = 0.9677, b = 9.0323, smoothed
     * counts 0.9677, 10.0323 | 3.9677, 37.0323; delta = ln(0.9677/10.0323) - ln(3.9677/37.0323) = -2.33856 -
     * (-2.23359) = -0.10500, variance 1/0.9677 + 1/10.0323 + 1/3.9677 + 1/37.0323 = 1.41205, z = -0.08836
     * (python: -0.10500330900998422, -0.08836459411643753).
     */
    @Test
    void aPriorAboveBothRatesDoesNotTurnTheSignOfATinyCell() {
        double[] r = Association.logOdds(0, 1, 3, 31, 0.4, 10);
        assertEquals(-0.10500330900998422, r[0], 1e-12);
        assertEquals(-0.08836459411643753, r[1], 1e-12);
        // the prior's rate between the two rates (0.05 here) is kept: 0 of 1 against 3 of 31 with a = 0.5, b = 9.5:
        // delta = ln(0.5/10.5) - ln(3.5/37.5) = -3.04452 - (-2.37158) = -0.67294
        assertEquals(Math.log(0.5 / 10.5) - Math.log(3.5 / 37.5), Association.logOdds(0, 1, 3, 31, 0.05, 10)[0], 1e-12);
    }

    @Test
    void theSignOfZIsTheSignOfTheRawDifference() {
        // every prior rate and strength, tiny and large sides: z > 0 exactly when x1/n1 > x2/n2, 0 when equal
        Random random = new Random(17L);
        for (int i = 0; i < 20_000; i++) {
            long n1 = 1 + random.nextInt(i % 2 == 0 ? 3 : 1000);
            long n2 = 1 + random.nextInt(1000);
            long x1 = random.nextInt((int) n1 + 1);
            long x2 = random.nextInt((int) n2 + 1);
            double rate = 0.001 + 0.998 * random.nextDouble();
            double strength = 0.1 + 100 * random.nextDouble();
            double z = Association.logOdds(x1, n1, x2, n2, rate, strength)[1];
            int raw = Long.signum(x1 * n2 - x2 * n1);
            assertEquals(raw, (int) Math.signum(z), x1 + "/" + n1 + " against " + x2 + "/" + n2 + " at prior " + rate
                    + " x " + strength + ": z " + z);
        }
    }

    @Test
    void logOddsIsAntisymmetric() {
        Random random = new Random(1234L);
        for (int i = 0; i < 2_000; i++) {
            long n1 = 1 + random.nextInt(1000);
            long n2 = 1 + random.nextInt(1000);
            long x1 = random.nextInt((int) n1 + 1);
            long x2 = random.nextInt((int) n2 + 1);
            double rate = 0.001 + 0.998 * random.nextDouble();
            double strength = 0.1 + 100 * random.nextDouble();
            double[] ab = Association.logOdds(x1, n1, x2, n2, rate, strength);
            double[] ba = Association.logOdds(x2, n2, x1, n1, rate, strength);
            assertEquals(-ab[0], ba[0], 1e-12);
            assertEquals(-ab[1], ba[1], 1e-12);
        }
    }

    @Test
    void strongerPriorShrinksTowardZero() {
        double previous = Double.POSITIVE_INFINITY;
        for (double strength : new double[] {0.01, 1, 10, 100, 1_000, 100_000}) {
            double delta = Association.logOdds(30, 100, 10, 100, 0.2, strength)[0];
            assertTrue(delta > 0);
            assertTrue(Math.abs(delta) < previous, "strength " + strength);
            previous = Math.abs(delta);
        }
        assertTrue(Math.abs(Association.logOdds(30, 100, 10, 100, 0.2, 1e9)[0]) < 1e-6);
    }

    @Test
    void rareTargetIsShrunkMoreThanLargeSample() {
        // Same rates (3% vs 1%), ten times fewer units: the prior pulls the small sample further toward 0.
        double small = Association.logOdds(3, 100, 1, 100, 0.02, 50)[0];
        double large = Association.logOdds(30, 1000, 10, 1000, 0.02, 50)[0];
        assertTrue(small > 0 && large > small);
    }
}
