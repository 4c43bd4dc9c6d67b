package dev.debias.corpus.prep;

import java.util.List;

/**
 * How many records of one stratum went to each part of an output.
 *
 * @param key the stratum's values of the stratify fields, in order (empty without stratification)
 * @param description the stratum as printed, e.g. {@code label=1, gender=female}
 * @param records the stratum's records in the input
 * @param counts records per part (per split, or {@code [sampled]} for a sample), in part order
 */
public record StratumCounts(List<String> key, String description, long records, List<Long> counts) {
    public StratumCounts {
        key = List.copyOf(key);
        counts = List.copyOf(counts);
    }
}
