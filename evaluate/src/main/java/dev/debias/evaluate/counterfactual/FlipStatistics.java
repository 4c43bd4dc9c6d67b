package dev.debias.evaluate.counterfactual;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.debias.stats.Estimate;

/**
 * How often and how much predictions move when the axis terms are swapped, over a set of records.
 *
 * @param group which records: {@code (all)}, or the group the original's axis terms belong to
 *     ({@code female}, {@code male}; {@code mixed} when several groups are equally present)
 * @param tested records that had at least one term to swap
 * @param flipped records whose predicted label changed
 * @param flipRate flipped over tested, with a Wilson 95% interval
 * @param meanAbsChange mean absolute change in the probability of the original prediction, with a
 *     95% percentile bootstrap interval over records
 * @param chanceFlipRate the flip rate of a classifier that guesses with the model's own prediction frequencies
 *     (the counterfactuals' predictions shuffled among the tested records; its expectation, exact), or null where
 *     none was tested or the result predates it. A flip rate near it says the predictions move with the swap no
 *     less than they would at random.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FlipStatistics(String group, long tested, long flipped, @JsonProperty("flip_rate") Estimate flipRate,
        @JsonProperty("mean_abs_change") Estimate meanAbsChange, @JsonProperty("chance_flip_rate") Double chanceFlipRate) {
    /** Without a chance level. */
    public FlipStatistics(String group, long tested, long flipped, Estimate flipRate, Estimate meanAbsChange) {
        this(group, tested, flipped, flipRate, meanAbsChange, null);
    }

    /** The group name of the row over all tested records. */
    public static final String ALL = "(all)";
}
