package dev.debias.corpus;

import dev.debias.core.Setting;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the named fields of one input row into a {@link Record} according to a {@link FieldMapping}:
 * the text, label, id and group fields must be present, the label and id non-empty; every other
 * field becomes an attribute, so nothing is lost.
 */
final class RecordAssembler {
    private final Path file;
    private final String fileName;
    private final FieldMapping fields;

    RecordAssembler(Path file, FieldMapping fields) {
        this.file = file;
        this.fileName = String.valueOf(file.getFileName());
        this.fields = fields;
    }

    /**
     * @param row the fields in input order; a null value means the field is absent (JSON null)
     * @param line the 1-based line where the row starts
     * @param provenance a provenance read from the row itself, or null to make one from file and line
     */
    Record assemble(Map<String, String> row, long line, Provenance provenance) {
        return assemble(row, line, provenance, null);
    }

    /** As {@link #assemble(Map, long, Provenance)}, keeping {@code json}, the object the row was read from (or null). */
    Record assemble(Map<String, String> row, long line, Provenance provenance, String json) {
        String text = row.get(fields.textField());
        if (text == null) {
            throw new InvalidRecordException(file, line, "no field '" + fields.textField() + "'; fields present: "
                    + present(row) + " (name the text field with " + Setting.TEXT_FIELD + ")");
        }
        String label = null;
        if (fields.labelField() != null) {
            label = required(row, fields.labelField(), line, "label", Setting.LABEL_FIELD);
        }
        for (String g : fields.groupFields()) {
            // A group field must exist (a typo is caught) but may be empty: real data sets leave a group
            // blank where it does not apply, and the summaries count those as "(empty)".
            if (row.get(g) == null) {
                throw new InvalidRecordException(file, line, "no group field '" + g + "'; fields present: "
                        + present(row) + " (named by " + Setting.GROUP_FIELD + ")");
            }
        }
        String id = fields.idField() == null ? Long.toString(line)
                : required(row, fields.idField(), line, "id", Setting.ID_FIELD);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (var e : row.entrySet()) {
            String k = e.getKey();
            if (e.getValue() != null && !k.equals(fields.textField()) && !k.equals(fields.labelField()) && !k.equals(fields.idField())) {
                attributes.put(k, e.getValue());
            }
        }
        Provenance p = provenance != null ? provenance : Provenance.original(fileName + ":" + line);
        return new Record(id, text, label, attributes, p, json);
    }

    private String required(Map<String, String> row, String field, long line, String what, Setting setting) {
        String v = row.get(field);
        if (v == null) {
            throw new InvalidRecordException(file, line, "no " + what + " field '" + field + "'; fields present: "
                    + present(row) + " (named by " + setting + ")");
        }
        if (v.isBlank()) {
            throw new InvalidRecordException(file, line, "the " + what + " field '" + field + "' is empty");
        }
        return v;
    }

    private static String present(Map<String, String> row) {
        return row.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList().toString();
    }
}
