package dev.debias.corpus;

import dev.debias.core.Setting;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks of CSV and TSV header rows against a field mapping, done once so every row need not repeat them. */
final class Headers {
    private Headers() {}

    /**
     * Returns the column names, with blank names replaced by {@code column_N}; fails when a name
     * repeats or a mapped field has no column.
     */
    static String[] validate(String[] raw, Path file, long line, FieldMapping fields) {
        String[] names = new String[raw.length];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.length; i++) {
            String name = raw[i].strip();
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            if (!seen.add(name)) {
                throw new CorpusFormatException(file, line, "the header names column '" + name + "' twice");
            }
            names[i] = name;
        }
        List<String> have = Arrays.asList(names);
        check(have, fields.textField(), "text", Setting.TEXT_FIELD, file, line);
        if (fields.labelField() != null) {
            check(have, fields.labelField(), "label", Setting.LABEL_FIELD, file, line);
        }
        for (String g : fields.groupFields()) {
            check(have, g, "group", Setting.GROUP_FIELD, file, line);
        }
        if (fields.idField() != null) {
            check(have, fields.idField(), "id", Setting.ID_FIELD, file, line);
        }
        return names;
    }

    private static void check(List<String> have, String field, String what, Setting setting, Path file, long line) {
        if (!have.contains(field) && FieldPath.isPath(field)) {
            throw new CorpusFormatException(file, line, "the header has no " + what + " column '" + field
                    + "', and a nested field path needs JSON Lines: CSV and TSV columns are flat; columns are " + have
                    + " (choose one with " + setting + ")");
        }
        if (!have.contains(field)) {
            throw new CorpusFormatException(file, line, "the header has no " + what + " column '" + field
                    + "'; columns are " + have + " (choose one with " + setting + ")");
        }
    }

    static String ragged(String[] header, int found) {
        return "expected " + header.length + " fields " + Arrays.toString(header) + " but found " + found;
    }
}
