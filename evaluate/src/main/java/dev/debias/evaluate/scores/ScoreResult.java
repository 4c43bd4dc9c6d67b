package dev.debias.evaluate.scores;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.debias.stats.Estimate;
import java.util.List;
import java.util.Optional;

/**
 * The threshold-free and calibration measures of one positive class under one grouping. Immutable.
 *
 * @param grouping the grouping's name
 * @param positiveLabel the class scored as positive (its probability is the score)
 * @param overall the values over all records (AUC, calibration error and difference)
 * @param groups the values per group, in the grouping's order
 * @param means the power means over groups of the subgroup, BPSN and BNSP AUCs
 * @param finalScore the Jigsaw Unintended Bias in Toxicity Classification combination: a quarter of the overall
 *     AUC plus a quarter of each of the three power means
 * @param warnings what a reader should know (small groups, left-out groups)
 */
public record ScoreResult(String grouping, @JsonProperty("positive_label") String positiveLabel, SubgroupScores overall,
        List<SubgroupScores> groups, List<PowerMean> means, @JsonProperty("final_score") Estimate finalScore,
        List<String> warnings) {
    public ScoreResult {
        groups = List.copyOf(groups);
        means = List.copyOf(means);
        warnings = List.copyOf(warnings);
    }

    /** The values of group {@code name}. */
    public Optional<SubgroupScores> group(String name) {
        return groups.stream().filter(g -> g.group().equals(name)).findFirst();
    }

    /** The power mean named {@code name} (e.g. {@link PowerMean#BPSN_AUC}). */
    public Optional<PowerMean> mean(String name) {
        return means.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
