package dev.debias.evaluate.group;

import java.util.List;
import java.util.Objects;

/**
 * Which fields of a predictions file (and of the input corpus beside it) hold what.
 *
 * @param labelField the true label
 * @param predictionField the predicted label ({@code prediction} in files written by {@code debias predict})
 * @param groupFields the group attributes; none for an evaluation whose group metrics are skipped (the measures
 *     that need only labels, the sanity check and the threshold-free measures over all records, are still computed)
 * @param idField the record id, used to check that predictions and input line up; null to rely on order
 * @param textField the text field of the input corpus
 */
public record PredictionColumns(String labelField, String predictionField, List<String> groupFields, String idField,
        String textField) {
    public PredictionColumns {
        Objects.requireNonNull(labelField, "labelField");
        Objects.requireNonNull(predictionField, "predictionField");
        Objects.requireNonNull(textField, "textField");
        groupFields = List.copyOf(groupFields);
        if (labelField.equals(predictionField)) {
            throw new IllegalArgumentException("the label and prediction fields are both '" + labelField + "'");
        }
    }
}
