package dev.debias.corpus.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotasTest {
    private static final List<BigDecimal> R811 = List.of(new BigDecimal("0.8"), new BigDecimal("0.1"), new BigDecimal("0.1"));

    @Test
    void sharesExactlyWhenTheTotalDividesEvenly() {
        // 20 x 0.8 = 16, 20 x 0.1 = 2, 2: no remainder
        assertArrayEquals(new long[] {16, 2, 2}, Quotas.largestRemainder(20, R811));
    }

    @Test
    void givesTheLeftoverToTheLargestRemainders() {
        // 7: exact 5.6, 0.7, 0.7 -> floors 5, 0, 0; 2 left go to the remainders .7 and .7 (not .6)
        assertArrayEquals(new long[] {5, 1, 1}, Quotas.largestRemainder(7, R811));
        // 12: exact 9.6, 1.2, 1.2 -> 9, 1, 1; 1 left goes to .6
        assertArrayEquals(new long[] {10, 1, 1}, Quotas.largestRemainder(12, R811));
        // 8: exact 6.4, 0.8, 0.8 -> 6, 0, 0; 2 left go to .8 and .8
        assertArrayEquals(new long[] {6, 1, 1}, Quotas.largestRemainder(8, R811));
    }

    @Test
    void breaksTiesTowardsTheEarlierPart() {
        // 10 over 1:1:1: 3.33 each -> 3, 3, 3; the 1 left goes to the first of three equal remainders
        assertArrayEquals(new long[] {4, 3, 3}, Quotas.largestRemainder(10, new long[] {1, 1, 1}));
    }

    @Test
    void isExactWhereDoublesAreNot() {
        // 10 x 0.7 is 6.999999999999999 in doubles; in decimals it is 7 exactly, with 3 for 0.3
        assertArrayEquals(new long[] {7, 3},
                Quotas.largestRemainder(10, List.of(new BigDecimal("0.7"), new BigDecimal("0.3"))));
    }

    @Test
    void refusesNegativeOrZeroWeights() {
        assertThrows(IllegalArgumentException.class, () -> Quotas.largestRemainder(5, new long[] {0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> Quotas.largestRemainder(5, List.of(BigDecimal.ONE, new BigDecimal("-1"))));
    }
}
