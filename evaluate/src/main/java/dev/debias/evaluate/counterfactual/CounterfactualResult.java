package dev.debias.evaluate.counterfactual;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The outcome of a counterfactual test. Immutable.
 *
 * @param axis the axis whose terms were swapped
 * @param records records read
 * @param overall the flip statistics over every tested record
 * @param byGroup the same per group of the original's terms
 * @param worst the records whose prediction moved most (flips first, then by change), at most the asked number
 * @param bootstrap bootstrap replicates behind the mean-change intervals
 * @param seed the bootstrap seed
 * @param outcomes each tested record's outcome, in input order (written as {@code counterfactual.jsonl}, not into
 *     {@code metrics.json}); null when not kept, as for a result read back from {@code metrics.json}
 */
public record CounterfactualResult(String axis, long records, FlipStatistics overall, List<FlipStatistics> byGroup,
        List<CounterfactualExample> worst, int bootstrap, long seed, @JsonIgnore CounterfactualOutcomes outcomes) {
    public CounterfactualResult {
        byGroup = List.copyOf(byGroup);
        worst = List.copyOf(worst);
    }

    /** Without per-record outcomes. */
    public CounterfactualResult(String axis, long records, FlipStatistics overall, List<FlipStatistics> byGroup,
            List<CounterfactualExample> worst, int bootstrap, long seed) {
        this(axis, records, overall, byGroup, worst, bootstrap, seed, null);
    }

    /**
     * Equal when every part {@code metrics.json} holds is equal; the outcomes are left out, so that a result
     * equals itself read back from {@code metrics.json} (compare {@link #outcomes()} themselves for them).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof CounterfactualResult r && java.util.Objects.equals(axis, r.axis) && records == r.records
                && overall.equals(r.overall) && byGroup.equals(r.byGroup) && worst.equals(r.worst)
                && bootstrap == r.bootstrap && seed == r.seed;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(axis, records, overall, byGroup, worst, bootstrap, seed);
    }
}
