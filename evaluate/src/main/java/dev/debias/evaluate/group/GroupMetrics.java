package dev.debias.evaluate.group;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.debias.stats.Estimate;
import java.util.List;

/**
 * The metrics of one group (or of all records).
 *
 * @param group the group name, or {@code (overall)}
 * @param count records in the group
 * @param accuracy share of correct predictions
 * @param macroF1 mean F1 over the classes that occur in the group as a true or a predicted label
 *     (F1 = 2TP / (2TP + FP + FN)); a class absent from both is left out rather than counted as 0
 * @param selectionRate share predicted as the positive label; when none was named, undefined with
 *     the reason (see the per-class selection rates)
 * @param classes the per-class metrics, in the order of the result's classes
 */
public record GroupMetrics(String group, long count, Estimate accuracy, @JsonProperty("macro_f1") Estimate macroF1,
        @JsonProperty("selection_rate") Estimate selectionRate, List<ClassMetrics> classes) {
    /** The name of the all-records row. */
    public static final String OVERALL = "(overall)";

    public GroupMetrics {
        classes = List.copyOf(classes);
    }
}
