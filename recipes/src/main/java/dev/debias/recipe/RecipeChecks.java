package dev.debias.recipe;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.core.InvalidInputException;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Checks of recipe values that the mapping alone does not make: the recipe's name, which becomes the run
 * folder {@code runs/NAME}. Every failure is an {@link InvalidInputException} naming the file, line and
 * column where the parser gives them, the key and the value.
 */
final class RecipeChecks {
    /** A valid recipe name: letters, digits, '-', '_' and '.', not starting with '.'. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_-][\\p{L}\\p{N}._-]*");

    private RecipeChecks() {}

    /** Whether {@code name} is a valid recipe name: it stays one folder inside the runs folder. */
    static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Why a name is refused, after "name 'X' ". */
    static String nameRule() {
        return "is not a valid recipe name: it names the run folder runs/NAME, so use only letters, digits, '-', '_' "
                + "and '.', not starting with '.'";
    }

    /**
     * Checks the {@code name} key the recipe text gives, or the name taken from its file name when it gives
     * none.
     *
     * @param given whether the text has a {@code name} key
     * @throws InvalidInputException naming the file, line and key
     */
    static void name(String text, String source, ObjectMapper mapper, String name, boolean given) {
        if (validName(name)) {
            return;
        }
        if (given) {
            throw new InvalidInputException(where(source, topLevelKey(text, mapper, "name")) + "key 'name': '" + name
                    + "' " + nameRule());
        }
        throw new InvalidInputException(source + ": the recipe has no 'name' key and its file name gives '" + name
                + "', which " + nameRule() + "; add a 'name' key");
    }

    /** {@code source:line:col: } of a location, or {@code source: } without one. */
    static String where(String source, JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? source + ": "
                : source + ":" + loc.getLineNr() + ":" + loc.getColumnNr() + ": ";
    }

    /** Where the top-level key {@code key} is in {@code text}, or null. */
    static JsonLocation topLevelKey(String text, ObjectMapper mapper, String key) {
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            int depth = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME && depth == 1 && key.equals(p.currentName())) {
                    return p.currentTokenLocation();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
