package dev.debias.audit.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GTestTest {

    // {{10,20},{30,40}}: row sums 30, 70; column sums 40, 60; total 100;
    // expected 12, 18, 28, 42. G = 2 (10 ln(10/12) + 20 ln(20/18) + 30 ln(30/28) + 40 ln(40/42))
    // = 0.8043486460964835; p = erfc(sqrt(G / 2)) = 0.36979636792989634 (python).
    private static final double G_2X2 = 0.8043486460964835;
    private static final double P_2X2 = 0.36979636792989634;

    @Test
    void twoByTwoMatchesHandComputation() {
        GTest g = GTest.of(new long[][] {{10, 20}, {30, 40}});
        assertEquals(1, g.df());
        assertEquals(G_2X2, g.statistic(), 1e-12);
        assertEquals(P_2X2, g.pValue(), 1e-10);
    }

    @Test
    void twoByTwoHelperBuildsTheSameTable() {
        GTest g = GTest.twoByTwo(10, 30, 30, 70);
        assertEquals(1, g.df());
        assertEquals(G_2X2, g.statistic(), 1e-12);
        assertEquals(P_2X2, g.pValue(), 1e-10);
    }

    @Test
    void twoByThreeMatchesHandComputation() {
        // {{10,20,30},{30,20,10}}: every expected count is 60 * 40 / 120 = 20.
        // G = 2 (10 ln .5 + 20 ln 1 + 30 ln 1.5) * 2 = 20.92992575058191; df = 2, p = exp(-G/2)
        // = 2.851834837269415e-05 (python).
        GTest g = GTest.of(new long[][] {{10, 20, 30}, {30, 20, 10}});
        assertEquals(2, g.df());
        assertEquals(20.92992575058191, g.statistic(), 1e-11);
        assertEquals(2.851834837269415e-05, g.pValue(), 1e-15);
    }

    @Test
    void identicalRowProportionsGiveNoEvidence() {
        // Every row is proportional to (2, 4, 1), so O = E in every cell and G = 0.
        GTest g = GTest.of(new long[][] {{10, 20, 5}, {20, 40, 10}, {40, 80, 20}});
        assertEquals(4, g.df());
        assertEquals(0.0, g.statistic(), 1e-10);
        assertEquals(1.0, g.pValue(), 1e-9);
    }

    @Test
    void emptyRowsAndColumnsAreDropped() {
        GTest g = GTest.of(new long[][] {{10, 0, 20}, {0, 0, 0}, {30, 0, 40}});
        assertEquals(1, g.df());
        assertEquals(G_2X2, g.statistic(), 1e-12);
        assertEquals(P_2X2, g.pValue(), 1e-10);
    }

    @Test
    void singleNonEmptyRowHasNoDegreesOfFreedom() {
        GTest g = GTest.of(new long[][] {{10, 20}, {0, 0}});
        assertEquals(0, g.df());
        assertEquals(0.0, g.statistic());
        assertEquals(1.0, g.pValue());
        GTest column = GTest.of(new long[][] {{10, 0}, {20, 0}});
        assertEquals(0, column.df());
    }

    @Test
    void allZeroOrEmptyTableHasNoDegreesOfFreedom() {
        GTest zeros = GTest.of(new long[][] {{0, 0}, {0, 0}});
        assertEquals(0, zeros.df());
        assertEquals(0.0, zeros.statistic());
        assertEquals(1.0, zeros.pValue());
        GTest empty = GTest.of(new long[0][0]);
        assertEquals(0, empty.df());
        assertEquals(1.0, empty.pValue());
    }

    @Test
    void strongAssociationGivesSmallP() {
        // {{50,0},{0,50}}: E = 25 everywhere; G = 2 * 2 * 50 ln 2 = 200 ln 2 = 138.62943611198907;
        // p = erfc(sqrt(100 ln 2)) = 5.308044762406599e-32 (python).
        GTest g = GTest.of(new long[][] {{50, 0}, {0, 50}});
        assertEquals(200 * Math.log(2), g.statistic(), 1e-10);
        assertTrue(g.pValue() > 0);
        assertEquals(5.308044762406599e-32, g.pValue(), 1e-9 * 5.308044762406599e-32);
    }

    @Test
    void rejectsNegativeCounts() {
        assertThrows(IllegalArgumentException.class, () -> GTest.of(new long[][] {{10, -1}, {3, 4}}));
        assertThrows(IllegalArgumentException.class, () -> GTest.twoByTwo(11, 10, 3, 10));
    }
}
