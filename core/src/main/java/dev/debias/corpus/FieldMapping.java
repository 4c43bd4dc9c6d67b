package dev.debias.corpus;

import java.util.List;
import java.util.Objects;

/**
 * Which input fields hold the text, label, id and ground-truth group attributes. The text field,
 * and the label and group fields when named, must be present on every record. Other fields are
 * kept as attributes so nothing is lost. In JSON Lines each name may be a {@link FieldPath} into a nested record
 * ({@code messages[*].content}, {@code meta.source}); a literal key of that name wins over the path it spells.
 *
 * @param textField the field holding the text; default {@code text}
 * @param labelField the field holding the label, or null when there is none
 * @param groupFields the fields holding ground-truth group attributes (e.g. {@code gender}); may be empty
 * @param idField the field holding a unique id, or null to number records by their line
 */
public record FieldMapping(String textField, String labelField, List<String> groupFields, String idField) {
    /** The mapping for files with a {@code text} field and nothing else named. */
    public static final FieldMapping DEFAULT = new FieldMapping("text", null, List.of(), null);

    public FieldMapping {
        Objects.requireNonNull(textField, "textField");
        groupFields = groupFields == null ? List.of() : List.copyOf(groupFields);
        if (textField.equals(labelField) || textField.equals(idField) || groupFields.contains(textField)) {
            throw new IllegalArgumentException("the text field '" + textField + "' cannot also be the label, id or a group field");
        }
        if (labelField != null && groupFields.contains(labelField)) {
            throw new IllegalArgumentException("the label field '" + labelField + "' cannot also be a group field");
        }
    }

    /** A copy with another text field. */
    public FieldMapping withTextField(String field) {
        return new FieldMapping(field, labelField, groupFields, idField);
    }

    /** A copy with a label field (null for none). */
    public FieldMapping withLabelField(String field) {
        return new FieldMapping(textField, field, groupFields, idField);
    }

    /** A copy with these group fields. */
    public FieldMapping withGroupFields(List<String> fields) {
        return new FieldMapping(textField, labelField, fields, idField);
    }

    /** A copy with an id field (null to number records by line). */
    public FieldMapping withIdField(String field) {
        return new FieldMapping(textField, labelField, groupFields, field);
    }
}
