package dev.debias.evaluate.scores;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.debias.stats.Estimate;

/**
 * The threshold-free and calibration values of one group (or of all records) for one positive class, each with
 * its 95% interval or undefined with the reason. See {@link ThresholdFreeMeasures} for the definitions.
 *
 * @param group the group, or {@code (overall)}
 * @param count records in the group
 * @param positives records of the positive class in the group
 * @param auc the AUC within the group (the subgroup AUC; over all records, the overall AUC)
 * @param bpsnAuc background positives against the group's negatives; null for the overall row
 * @param bnspAuc the group's positives against background negatives; null for the overall row
 * @param calibrationError expected calibration error over equal-width bins of the predicted probability
 * @param calibrationDifference mean predicted probability minus the observed rate of the positive class
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubgroupScores(String group, long count, long positives, Estimate auc,
        @JsonProperty("bpsn_auc") Estimate bpsnAuc, @JsonProperty("bnsp_auc") Estimate bnspAuc,
        @JsonProperty("calibration_error") Estimate calibrationError,
        @JsonProperty("calibration_difference") Estimate calibrationDifference) {}
