package dev.debias.corpus.prep;

import dev.debias.core.InvalidInputException;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.Record;
import java.util.ArrayList;
import java.util.List;

/**
 * A record's value of a field named as in the input: the mapped text, label or id field gives the
 * record's text, label or id, any other name one of its attributes.
 */
public final class FieldValues {
    private FieldValues() {}

    /**
     * The value of {@code field} in {@code r}.
     *
     * @throws InvalidInputException naming the record's place ({@code file:line}) when it has no such field
     */
    public static String of(Record r, FieldMapping mapping, String field) {
        if (field.equals(mapping.textField())) {
            return r.text();
        }
        if (field.equals(mapping.labelField())) {
            return r.label();
        }
        if (field.equals(mapping.idField())) {
            return r.id();
        }
        String v = r.attribute(field).orElse(null);
        if (v == null) {
            List<String> present = new ArrayList<>();
            present.add(mapping.textField());
            if (r.label() != null) {
                present.add(mapping.labelField());
            }
            present.addAll(r.attributes().keySet());
            throw new InvalidInputException(r.provenance().source() + ": no field '" + field + "'; fields present: "
                    + present + (r.label() == null && mapping.labelField() == null
                            ? " (a label field counts only when named by " + dev.debias.core.Setting.LABEL_FIELD + ")" : ""));
        }
        return v;
    }

    /** The values of {@code fields} in {@code r}, in order: the record's stratum. */
    public static List<String> stratum(Record r, FieldMapping mapping, List<String> fields) {
        List<String> key = new ArrayList<>(fields.size());
        for (String f : fields) {
            key.add(of(r, mapping, f));
        }
        return List.copyOf(key);
    }

    /** A stratum as printed: {@code label=1, gender=female} ({@code (empty)} for an empty value), or {@code (all)} for no fields. */
    public static String describe(List<String> fields, List<String> key) {
        if (fields.isEmpty()) {
            return "(all)";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(fields.get(i)).append('=').append(key.get(i).isEmpty() ? "(empty)" : key.get(i));
        }
        return b.toString();
    }
}
