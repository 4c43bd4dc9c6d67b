package dev.debias.evaluate.counterfactual;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One record and its counterfactual, with the model's predictions on both.
 *
 * @param id the record id
 * @param text the original text
 * @param counterfactual the text with the axis terms swapped
 * @param prediction the predicted label of the original
 * @param counterfactualPrediction the predicted label of the counterfactual
 * @param probability the probability of {@code prediction} on the original
 * @param counterfactualProbability the probability of {@code prediction} (the original's label) on the counterfactual
 */
public record CounterfactualExample(String id, String text, String counterfactual, String prediction,
        @JsonProperty("counterfactual_prediction") String counterfactualPrediction, double probability,
        @JsonProperty("counterfactual_probability") double counterfactualProbability) {
    /** True when the predicted label changed. */
    public boolean flipped() {
        return !prediction.equals(counterfactualPrediction);
    }

    /** The absolute change in the probability of the original prediction. */
    public double change() {
        return Math.abs(probability - counterfactualProbability);
    }
}
