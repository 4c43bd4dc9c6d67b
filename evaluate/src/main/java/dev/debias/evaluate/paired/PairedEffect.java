package dev.debias.evaluate.paired;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.debias.stats.Estimate;

/**
 * One paired difference between two cells on one measure. Immutable.
 *
 * @param first the cell measured
 * @param second the cell subtracted
 * @param measure the measure
 * @param difference first minus second, with its 95% percentile interval from the common resample
 * @param pValue the two-sided bootstrap p-value of "no difference": twice the smaller share of replicates at or
 *     beyond 0 on either side, with the usual +1 in numerator and denominator, capped at 1; NaN without replicates
 * @param holm the Holm-adjusted p-value over the family the effect was read in, or null when not adjusted
 * @param method how the interval was computed, in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PairedEffect(String first, String second, String measure, Estimate difference,
        @JsonProperty("p_value") double pValue, Double holm, String method) {
    /** This effect with its Holm-adjusted p-value. */
    public PairedEffect withHolm(double adjusted) {
        return new PairedEffect(first, second, measure, difference, pValue, Double.isNaN(adjusted) ? null : adjusted,
                method);
    }

    /** Whether the difference is significant at 5%: by Holm when adjusted, else by its interval. */
    public boolean significant() {
        if (holm != null) {
            return holm < 0.05;
        }
        return difference.isDefined() && difference.excludes(0);
    }
}
