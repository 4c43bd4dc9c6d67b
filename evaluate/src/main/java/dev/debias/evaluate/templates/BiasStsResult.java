package dev.debias.evaluate.templates;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.debias.stats.Estimate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bias-STS of one model: how much more similar it finds an occupation's sentence to the same sentence
 * about a woman than about a man. Immutable.
 *
 * @param comparisons occupation sentences compared with a female and a male sentence
 * @param occupations occupations, the unit the intervals resample
 * @param meanAbsDifference the mean of |similarity to the female sentence - similarity to the male one|, with a 95%
 *     bootstrap interval over occupations; 0 for an unbiased model
 * @param meanDifference the same without the absolute value: positive when the occupations lean female overall
 * @param byOccupation each occupation's mean signed difference, in the order of {@link GenderTemplates#OCCUPATIONS}
 * @param bootstrap replicates behind the intervals
 * @param seed their seed
 */
public record BiasStsResult(int comparisons, int occupations,
        @JsonProperty("mean_abs_difference") Estimate meanAbsDifference,
        @JsonProperty("mean_difference") Estimate meanDifference,
        @JsonProperty("by_occupation") Map<String, Double> byOccupation, int bootstrap, long seed) {
    public BiasStsResult {
        byOccupation = Collections.unmodifiableMap(new LinkedHashMap<>(byOccupation));
    }
}
