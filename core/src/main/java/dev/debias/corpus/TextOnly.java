package dev.debias.corpus;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import java.nio.file.Path;

/** Plain text and directories carry only text: naming a label, group or id field for them is a mistake worth reporting. */
final class TextOnly {
    private TextOnly() {}

    static void check(Path source, FieldMapping fields, String what) {
        if (FieldPath.isPath(fields.textField()) && !fields.textField().equals(FieldMapping.DEFAULT.textField())) {
            throw new InvalidInputException(source + ": " + what + " has no fields, so the field path '"
                    + fields.textField() + "' (named by " + Setting.TEXT_FIELD + ") cannot apply; nested field paths"
                    + " need JSON Lines");
        }
        if (fields.labelField() != null || !fields.groupFields().isEmpty() || fields.idField() != null) {
            throw new InvalidInputException(source + ": " + what + " has no fields, so " + Setting.LABEL_FIELD + ", "
                    + Setting.GROUP_FIELD + " and " + Setting.ID_FIELD + " cannot apply; convert it to JSONL, CSV or TSV first");
        }
    }
}
