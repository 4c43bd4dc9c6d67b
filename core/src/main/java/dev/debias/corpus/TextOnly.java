package dev.debias.corpus;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import java.nio.file.Path;

/** Plain text and directories carry only text: naming a label, group or id field for them is a mistake worth reporting. */
final class TextOnly {
    private TextOnly() {}

    static void check(Path source, FieldMapping fields, String what) {
        if (fields.labelField() != null || !fields.groupFields().isEmpty() || fields.idField() != null) {
            throw new InvalidInputException(source + ": " + what + " has no fields, so " + Setting.LABEL_FIELD + ", "
                    + Setting.GROUP_FIELD + " and " + Setting.ID_FIELD + " cannot apply; convert it to JSONL, CSV or TSV first");
        }
    }
}
