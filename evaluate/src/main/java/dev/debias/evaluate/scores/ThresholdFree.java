package dev.debias.evaluate.scores;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * The threshold-free and calibration measures of one evaluation, as written to {@code metrics.json}
 * ({@code threshold_free}), with the settings they were computed under. Immutable.
 *
 * @param probabilityField the field the probabilities were read from
 * @param format {@code pairs} ({@code label=probability}) or {@code score} (one number, binary tasks)
 * @param scoreLabel for {@code score}, the label the number is the probability of; else null
 * @param positiveChoice how the positive classes were chosen: {@code named}, {@code minority class} (binary, none
 *     named) or {@code one-vs-rest} (multi-class, none named: every class in turn)
 * @param bins equal-width calibration bins over [0, 1]
 * @param power the exponent of the power means
 * @param bootstrap bootstrap replicates behind the intervals
 * @param seed the bootstrap seed
 * @param minGroupSize groups smaller than this are shown but left out of the power means
 * @param undefinedPolicy what a power mean does with a group whose AUC is undefined
 * @param results one per grouping and positive class
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThresholdFree(@JsonProperty("probability_field") String probabilityField, String format,
        @JsonProperty("score_label") String scoreLabel, @JsonProperty("positive_choice") String positiveChoice, int bins,
        double power, int bootstrap, long seed, @JsonProperty("min_group_size") int minGroupSize,
        @JsonProperty("undefined_policy") String undefinedPolicy, List<ScoreResult> results) {
    public ThresholdFree {
        results = List.copyOf(results);
    }

    /** The result of {@code grouping} and {@code positiveLabel}. */
    public Optional<ScoreResult> result(String grouping, String positiveLabel) {
        return results.stream().filter(r -> r.grouping().equals(grouping) && r.positiveLabel().equals(positiveLabel))
                .findFirst();
    }
}
