package dev.debias.evaluate.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.debias.stats.Estimate;
import java.util.List;

/**
 * A disparity between groups, with its bootstrap interval.
 *
 * @param name a stable key, e.g. {@code equal_opportunity_difference} or {@code tpr_gap[nurse]}
 * @param label the class it concerns, or null for a summary over classes
 * @param value the gap and its 95% interval, or undefined with the reason
 * @param excludedGroups what was left out because the metric is undefined there ({@link UndefinedPolicy#SKIP_GROUP}):
 *     groups, or for a summary over classes (GAP-RMS) the classes, written {@code class NAME}
 * @param definition how it is computed, in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Gap(String name, String label, Estimate value,
        @JsonProperty("excluded_groups") List<String> excludedGroups, String definition) {
    public static final String DEMOGRAPHIC_PARITY = "demographic_parity_difference";
    public static final String DISPARATE_IMPACT = "disparate_impact_ratio";
    public static final String EQUAL_OPPORTUNITY = "equal_opportunity_difference";
    public static final String EQUALIZED_ODDS = "equalized_odds_difference";
    public static final String TPR_GAP = "tpr_gap";
    public static final String GAP_RMS = "tpr_gap_rms";
    public static final String GAP_SHARE_CORRELATION = "tpr_gap_share_correlation";

    public Gap {
        excludedGroups = List.copyOf(excludedGroups);
    }
}
