package dev.debias.evaluate.scores;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.debias.stats.Estimate;
import java.util.List;

/**
 * A summary over groups of one per-group AUC: the generalised (power) mean
 * {@code (mean over groups of m^p)^(1/p)} of Borkan et al. 2019, with p = -5 by default, which weighs the worst
 * groups most.
 *
 * @param name a stable key, e.g. {@code bpsn_auc_power_mean}
 * @param value the mean and its 95% interval, or undefined with the reason
 * @param excludedGroups groups left out: below the minimum group size, or undefined there under
 *     {@code UndefinedPolicy.SKIP_GROUP}
 * @param definition how it is computed, in words
 */
public record PowerMean(String name, Estimate value, @JsonProperty("excluded_groups") List<String> excludedGroups,
        String definition) {
    public static final String SUBGROUP_AUC = "subgroup_auc_power_mean";
    public static final String BPSN_AUC = "bpsn_auc_power_mean";
    public static final String BNSP_AUC = "bnsp_auc_power_mean";

    public PowerMean {
        excludedGroups = List.copyOf(excludedGroups);
    }
}
