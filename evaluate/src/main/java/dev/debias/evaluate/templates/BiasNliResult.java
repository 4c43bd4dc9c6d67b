package dev.debias.evaluate.templates;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.debias.stats.Estimate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bias-NLI of one model: how often it reads an occupation's sentence as neither entailing nor contradicting
 * the same sentence about a woman or a man. Both measures are 1 for an unbiased model. Immutable.
 *
 * @param neutralLabel the model's label for neutral
 * @param pairs premise/hypothesis pairs scored
 * @param occupations occupations, the unit the intervals resample
 * @param netNeutral the mean probability of neutral, with a 95% bootstrap interval over occupations
 * @param fractionNeutral the share of pairs whose most probable label is neutral, likewise
 * @param byGroup the same two measures for the female and the male hypotheses apart ({@code female.net_neutral}, ...)
 * @param femaleMinusMale the net neutral of the female hypotheses minus the male ones', likewise; 0 when the model
 *     treats both alike
 * @param bootstrap replicates behind the intervals
 * @param seed their seed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BiasNliResult(@JsonProperty("neutral_label") String neutralLabel, int pairs, int occupations,
        @JsonProperty("net_neutral") Estimate netNeutral, @JsonProperty("fraction_neutral") Estimate fractionNeutral,
        @JsonProperty("by_group") Map<String, Estimate> byGroup,
        @JsonProperty("female_minus_male_net_neutral") Estimate femaleMinusMale, int bootstrap, long seed) {
    public BiasNliResult {
        byGroup = Collections.unmodifiableMap(new LinkedHashMap<>(byGroup));
    }
}
