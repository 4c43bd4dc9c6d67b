package dev.debias.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.debias.evaluate.counterfactual.CounterfactualResult;
import dev.debias.evaluate.group.GroupFairnessResult;
import dev.debias.evaluate.intrinsic.SeatResult;
import dev.debias.evaluate.sanity.Sanity;
import dev.debias.evaluate.scores.ThresholdFree;
import java.util.List;
import java.util.Map;

/**
 * Everything one evaluation measured about one model, as written to {@code metrics.json}. Immutable.
 *
 * @param schema {@link #SCHEMA}
 * @param model the run directory evaluated, or null when only a predictions file was given
 * @param design what the run is within an experiment (e.g. {@code upstream}, {@code data}, {@code seed});
 *     filled from the run's {@code run.json} and {@code --design} settings, and used by comparisons to
 *     pool seeds
 * @param config every setting of the evaluation
 * @param inputs input file name to SHA-256
 * @param groupFairness one result per grouping; empty when none was computed
 * @param groupFairnessUndefined why there are no group metrics (no group field was given), or null when there are
 * @param counterfactual the counterfactual test, or null
 * @param intrinsic the SEAT tests on the model's encoder
 * @param sanity whether the model is clear of the majority-class and chance baselines (group metrics only), or null
 * @param thresholdFree AUCs, BPSN/BNSP AUCs and calibration from predicted probabilities, or null when the
 *     predictions have none (a warning then says why)
 * @param warnings what a reader should know
 * @param versions versions of debias, its libraries and Java
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evaluation(String schema, String model, Map<String, String> design, Map<String, String> config,
        Map<String, String> inputs, @JsonProperty("group_fairness") List<GroupFairnessResult> groupFairness,
        @JsonProperty("group_fairness_undefined") String groupFairnessUndefined,
        CounterfactualResult counterfactual, List<SeatResult> intrinsic, Sanity sanity,
        @JsonProperty("threshold_free") ThresholdFree thresholdFree, List<String> warnings,
        Map<String, String> versions) {
    /** The schema name and version of {@code metrics.json}. */
    public static final String SCHEMA = "debias.evaluation/1";

    public Evaluation {
        design = Map.copyOf(design);
        config = Map.copyOf(config);
        inputs = Map.copyOf(inputs);
        groupFairness = List.copyOf(groupFairness);
        intrinsic = List.copyOf(intrinsic);
        warnings = List.copyOf(warnings);
        versions = Map.copyOf(versions);
    }
}
