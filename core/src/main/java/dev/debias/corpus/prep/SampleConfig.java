package dev.debias.corpus.prep;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * How to sample a corpus (see {@link CorpusSampler} for the rule): by size or by fraction, exactly one.
 *
 * @param size the number of records wanted, or -1 when a fraction is given
 * @param fraction the share of the corpus wanted, in (0, 1], or null when a size is given
 * @param stratifyFields fields whose values define the strata (empty: the whole corpus is one stratum)
 * @param seed the seed of the record hash
 */
public record SampleConfig(long size, BigDecimal fraction, List<String> stratifyFields, long seed) {
    public SampleConfig {
        stratifyFields = List.copyOf(Objects.requireNonNull(stratifyFields));
        if ((size >= 0) == (fraction != null)) {
            throw new IllegalArgumentException("name either a sample size or a fraction, not both or neither");
        }
        if (size == 0) {
            throw new IllegalArgumentException("the sample size must be positive");
        }
        if (size < -1) {
            throw new IllegalArgumentException("the sample size must be positive, not " + size);
        }
        if (fraction != null && (fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) > 0)) {
            throw new IllegalArgumentException("the sample fraction must be in (0, 1], not " + fraction.toPlainString());
        }
    }

    /** A sample of {@code size} records. */
    public static SampleConfig ofSize(long size, List<String> stratifyFields, long seed) {
        return new SampleConfig(size, null, stratifyFields, seed);
    }

    /** A sample of a {@code fraction} of the records. */
    public static SampleConfig ofFraction(BigDecimal fraction, List<String> stratifyFields, long seed) {
        return new SampleConfig(-1, fraction, stratifyFields, seed);
    }
}
