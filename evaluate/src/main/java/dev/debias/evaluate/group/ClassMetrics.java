package dev.debias.evaluate.group;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.debias.stats.Estimate;

/**
 * One-versus-rest metrics of one class within one group (or overall).
 *
 * @param label the class
 * @param support records whose true label is the class
 * @param predicted records predicted as the class
 * @param tpr true positive rate (recall): TP / (TP + FN); undefined without records of the class
 * @param fpr false positive rate: FP / (FP + TN); undefined when every record is of the class
 * @param precision TP / (TP + FP); undefined when the class is never predicted
 * @param selectionRate share of records predicted as the class
 */
public record ClassMetrics(String label, long support, long predicted, Estimate tpr, Estimate fpr, Estimate precision,
        @JsonProperty("selection_rate") Estimate selectionRate) {}
