package dev.debias.corpus.prep;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Largest-remainder (Hamilton) allocation, computed exactly in decimal arithmetic: {@code total} units
 * shared in proportion to {@code weights}, each part first gets the floor of its exact share
 * {@code total * w / sum(w)}, and the units left over go one each to the parts with the largest
 * remainders, ties to the earlier part. The parts sum to {@code total} and each differs from its exact
 * share by less than one.
 */
public final class Quotas {
    private Quotas() {}

    /**
     * The allocation of {@code total} over {@code weights}.
     *
     * @throws IllegalArgumentException when a weight is negative or they sum to zero, or total is negative
     */
    public static long[] largestRemainder(long total, List<BigDecimal> weights) {
        if (total < 0) {
            throw new IllegalArgumentException("cannot share a negative total " + total);
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal w : weights) {
            if (w.signum() < 0) {
                throw new IllegalArgumentException("a share must not be negative: " + w.toPlainString());
            }
            sum = sum.add(w);
        }
        if (sum.signum() == 0) {
            throw new IllegalArgumentException("the shares sum to zero");
        }
        int n = weights.size();
        long[] out = new long[n];
        BigDecimal[] rem = new BigDecimal[n];
        long given = 0;
        BigDecimal t = new BigDecimal(BigInteger.valueOf(total));
        for (int i = 0; i < n; i++) {
            BigDecimal[] qr = t.multiply(weights.get(i)).divideAndRemainder(sum);
            out[i] = qr[0].longValueExact();
            rem[i] = qr[1];
            given += out[i];
        }
        for (long left = total - given; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (rem[i] != null && (best < 0 || rem[i].compareTo(rem[best]) > 0)) {
                    best = i;
                }
            }
            out[best]++;
            rem[best] = null;
        }
        return out;
    }

    /** {@link #largestRemainder(long, List)} over whole-number weights. */
    public static long[] largestRemainder(long total, long[] weights) {
        return largestRemainder(total, java.util.Arrays.stream(weights).mapToObj(BigDecimal::valueOf).toList());
    }
}
