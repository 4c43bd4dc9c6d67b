package dev.debias.evaluate.sanity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.debias.stats.Estimate;
import dev.debias.stats.EstimateFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a model is clear of the two baselines any classifier must beat before its bias means anything:
 * the majority-class baseline (always the most frequent class) and chance (uniform guessing over the
 * classes). Each of the model's accuracy and macro-F1 minus each baseline's comes with a 95% paired
 * bootstrap interval over the same test records; the model {@link #passed() passes} only when all four
 * intervals lie above 0. Immutable; written to {@code metrics.json} as {@code sanity}.
 *
 * @param records test records
 * @param classes the number of classes the model predicts among
 * @param majorityClass the class the majority baseline predicts
 * @param majorityFrom {@code train} when the majority class is the training data's, {@code test} when the test records'
 * @param accuracy the model's accuracy
 * @param macroF1 the model's macro-F1
 * @param majorityAccuracy the majority baseline's accuracy on the test records
 * @param majorityMacroF1 the majority baseline's macro-F1 on the test records
 * @param chanceAccuracy uniform guessing's expected accuracy, 1/k
 * @param chanceMacroF1 uniform guessing's expected macro-F1, (1/k) sum over classes of 2p/(kp + 1), p the class's test share
 * @param accuracyOverMajority model minus majority baseline, accuracy
 * @param accuracyOverChance model minus chance, accuracy (the Wilson interval of accuracy, shifted by 1/k)
 * @param macroF1OverMajority model minus majority baseline, macro-F1
 * @param macroF1OverChance model minus chance, macro-F1
 * @param passed whether all four differences are clear of 0 (their lower bound above 0; without intervals, their values)
 * @param smallClasses each class with fewer than {@code minClassRecords} test records, with its count
 * @param minClassRecords the test records a class needs not to be named in {@code smallClasses}
 * @param bootstrap bootstrap replicates behind the intervals
 * @param seed the bootstrap seed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sanity(long records, int classes, @JsonProperty("majority_class") String majorityClass,
        @JsonProperty("majority_from") String majorityFrom, Estimate accuracy, @JsonProperty("macro_f1") Estimate macroF1,
        @JsonProperty("majority_accuracy") double majorityAccuracy, @JsonProperty("majority_macro_f1") double majorityMacroF1,
        @JsonProperty("chance_accuracy") double chanceAccuracy, @JsonProperty("chance_macro_f1") double chanceMacroF1,
        @JsonProperty("accuracy_over_majority") Estimate accuracyOverMajority,
        @JsonProperty("accuracy_over_chance") Estimate accuracyOverChance,
        @JsonProperty("macro_f1_over_majority") Estimate macroF1OverMajority,
        @JsonProperty("macro_f1_over_chance") Estimate macroF1OverChance, boolean passed,
        @JsonProperty("small_classes") Map<String, Long> smallClasses,
        @JsonProperty("min_class_records") int minClassRecords, int bootstrap, long seed) {
    public Sanity {
        smallClasses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(smallClasses));
    }

    /**
     * One sentence: that the model is clear of both baselines, or which it is not clear of, with the numbers;
     * e.g. {@code not better than chance: accuracy 0.100 [0.020, 0.180] against 0.100 (majority class 'nurse')
     * and 0.036 (chance); macro-F1 ...}.
     */
    @JsonIgnore
    public String summary() {
        EstimateFormat f = EstimateFormat.FIXED_3;
        String numbers = String.format(Locale.ROOT, "accuracy %s against %.3f (majority class '%s') and %.3f (chance); "
                + "macro-F1 %s against %.3f and %.3f", f.text(accuracy), majorityAccuracy, majorityClass, chanceAccuracy,
                f.text(macroF1), majorityMacroF1, chanceMacroF1);
        if (passed) {
            return "clear of the majority-class and chance baselines: " + numbers;
        }
        return shortfall() + ": " + numbers + " (" + notClear() + " not clear of 0)";
    }

    /**
     * What the model failed, in words: {@code not better than chance} when a difference from chance is
     * not clear of 0, else {@code not better than always predicting 'X'} (the majority class).
     */
    @JsonIgnore
    public String shortfall() {
        if (!SanityCheck.clear(accuracyOverChance) || !SanityCheck.clear(macroF1OverChance)) {
            return "not better than chance";
        }
        return passed ? "clear of both baselines" : "not better than always predicting '" + majorityClass + "'";
    }

    /** The model-minus-baseline differences that are not clear of 0, named, e.g. {@code accuracy - majority class}. */
    @JsonIgnore
    public String notClear() {
        StringBuilder b = new StringBuilder();
        Map<String, Estimate> all = new LinkedHashMap<>();
        all.put("accuracy \u2212 majority class", accuracyOverMajority);
        all.put("accuracy \u2212 chance", accuracyOverChance);
        all.put("macro-F1 \u2212 majority class", macroF1OverMajority);
        all.put("macro-F1 \u2212 chance", macroF1OverChance);
        all.forEach((k, e) -> {
            if (!SanityCheck.clear(e)) {
                b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(EstimateFormat.FIXED_3.text(e));
            }
        });
        return b.toString();
    }

    /** What a reader must know: that the model is not clear of a baseline, and each class with too few test records. */
    @JsonIgnore
    public java.util.List<String> warnings() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (!passed) {
            out.add("the model is " + summary() + "; its bias measures say little about the model");
        }
        smallClasses.forEach((c, n) -> out.add(String.format(Locale.ROOT, "class '%s' has %d test record(s), fewer than "
                + "%d: its per-class rates and TPR gap rest on too few records", c, n, minClassRecords)));
        return out;
    }

    /** The classes with too few test records as {@code 'a' (3), 'b' (0)}, or empty. */
    @JsonIgnore
    public String smallClassList() {
        return String.join(", ", smallClasses.entrySet().stream().map(e -> "'" + e.getKey() + "' (" + e.getValue() + ")")
                .toList());
    }
}
