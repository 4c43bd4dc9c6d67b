package dev.debias.evaluate.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * Group fairness of one classifier's predictions under one grouping: metrics overall and per group,
 * and the gaps between groups, each with a stratified bootstrap interval. Immutable.
 *
 * @param grouping the grouping's name (a field, or fields joined by {@code " x "})
 * @param classes the labels, in the order of every per-class list
 * @param positiveLabel the positive label the binary gaps use, or null (then each is the worst class)
 * @param gapGroups the two groups the per-class TPR gaps compare (first minus second), or empty
 * @param overall the metrics over all records
 * @param groups the metrics per group, in the grouping's order
 * @param gaps the gaps between groups
 * @param warnings what a reader should know (small groups, skipped groups)
 * @param bootstrap the number of bootstrap replicates behind the intervals
 * @param seed the bootstrap seed
 * @param chance what the headline measures read for a classifier that guesses (its predictions shuffled), or
 *     null when not computed (as in results written before it existed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupFairnessResult(String grouping, List<String> classes,
        @JsonProperty("positive_label") String positiveLabel, @JsonProperty("gap_groups") List<String> gapGroups,
        GroupMetrics overall, List<GroupMetrics> groups, List<Gap> gaps, List<String> warnings, int bootstrap, long seed,
        ChanceLevel chance) {
    public GroupFairnessResult {
        classes = List.copyOf(classes);
        gapGroups = List.copyOf(gapGroups);
        groups = List.copyOf(groups);
        gaps = List.copyOf(gaps);
        warnings = List.copyOf(warnings);
    }

    /** The gap named {@code name} (e.g. {@link Gap#EQUALIZED_ODDS} or {@code tpr_gap[nurse]}). */
    public Optional<Gap> gap(String name) {
        return gaps.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** The metrics of group {@code name}. */
    public Optional<GroupMetrics> group(String name) {
        return groups.stream().filter(g -> g.group().equals(name)).findFirst();
    }
}
