package dev.debias.audit;

import dev.debias.audit.count.Feature;
import dev.debias.audit.count.IndexCounter;
import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import java.io.IOException;
import java.util.List;

/** Which label the label tables report: the positive label of a binary label, or the one asked for. */
final class Labels {
    private Labels() {}

    /**
     * The positive label: {@code requested} when given (it must be one of {@code labels}); for a binary
     * label, the minority class by documents (a tie takes the value sorted last, as {@code 1} after
     * {@code 0} and {@code true} after {@code false}); otherwise null, meaning every label.
     *
     * @throws InvalidInputException when {@code requested} is not a label of the index
     */
    static String positive(List<String> labels, String requested, IndexCounter documents) throws IOException {
        if (requested != null) {
            if (!labels.isEmpty() && !labels.contains(requested)) {
                throw new InvalidInputException("the positive label '" + requested + "' is not a label of the index; "
                        + "its labels are " + (labels.size() > 20 ? labels.subList(0, 20) + " ..." : labels)
                        + " (set " + Setting.POSITIVE_LABEL + ")");
            }
            return labels.isEmpty() ? null : requested;
        }
        if (labels.size() != 2) {
            return null;
        }
        long first = documents.count(Feature.FieldValue.label(labels.get(0)));
        long second = documents.count(Feature.FieldValue.label(labels.get(1)));
        return first < second ? labels.get(0) : labels.get(1);
    }
}
