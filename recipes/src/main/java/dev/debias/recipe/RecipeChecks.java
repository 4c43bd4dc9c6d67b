package dev.debias.recipe;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.debias.core.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks of recipe values that the mapping alone does not make: the recipe's name, which becomes the run
 * folder {@code runs/NAME}; YAML aliases (which the mapper would read as the anchor's name); lists that are
 * given but empty ({@code seeds: []} is refused, not read as the default); and measure names, which must be
 * ones the recipe's kind measures. It also words the parser's errors ({@link #malformed}, {@link #path}).
 * Every failure is an {@link InvalidInputException} naming the file, line and
 * column where the parser gives them, the key and the value.
 */
final class RecipeChecks {
    /** A valid recipe name: letters, digits, '-', '_' and '.', not starting with '.'. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_-][\\p{L}\\p{N}._-]*");

    /** The SEAT test a measure-agreement recipe runs when it names none. */
    static final String DEFAULT_SEAT = "builtin:gender-career-family-words";

    /** The measures every kind reads from its evaluations. */
    private static final List<String> MEASURES = List.of("accuracy", "tpr_gap_rms", "flip_rate",
            "demographic_parity_difference", "equal_opportunity_difference", "equalized_odds_difference");

    /** Where a key path ({@code scale.seeds}, {@code measures[1]}) is, as a message prefix. */
    @FunctionalInterface
    interface Where {
        String at(String keyPath);
    }

    private RecipeChecks() {}

    /**
     * Checks the values as written: no list that is given is empty, and every measure is one this kind of
     * recipe measures ({@code seat:NAME} for a SEAT test it runs).
     *
     * @throws InvalidInputException naming the key, with {@code where}'s prefix
     */
    static void written(Recipe r, RecipeKind kind, Where where) {
        if (r.scale() != null) {
            notEmpty(where, "scale.seeds", r.scale().seeds());
        }
        notEmpty(where, "measures", r.measures());
        notEmpty(where, "rates", r.rates());
        notEmpty(where, "sparsities", r.sparsities());
        notEmpty(where, "pruning", r.pruning());
        if (r.measures() == null) {
            return;
        }
        List<String> seat = r.seat() != null ? r.seat()
                : kind == RecipeKind.MEASURE_AGREEMENT && RecipeAxis.gender(r.axis()) ? List.of(DEFAULT_SEAT) : List.of();
        List<String> known = new ArrayList<>(MEASURES);
        if (kind == RecipeKind.MEASURE_AGREEMENT || kind == RecipeKind.PRUNING_TRANSFER) {
            known.add("embedding_gap");
        }
        seat.forEach(t -> known.add("seat:" + t.replaceFirst("^builtin:", "")));
        boolean seatFiles = seat.stream().anyMatch(t -> !t.startsWith("builtin:"));
        for (int i = 0; i < r.measures().size(); i++) {
            String m = r.measures().get(i);
            if (!known.contains(m) && !(seatFiles && m.startsWith("seat:") && m.length() > 5)) {
                throw new InvalidInputException(where.at("measures[" + i + "]") + "measures[" + i + "]: unknown measure '"
                        + m + "' for a " + kind.id() + " recipe; known: " + known
                        + (seatFiles ? " and seat:TEST for the tests of the seat files" : ""));
            }
        }
    }

    /** A context of pruning-transfer with its defaults; the everyday sentences are on the gender axis only. */
    static Recipe.Context context(String where, String key, Recipe.Context c, String demoDefault, String axis) {
        if (c == null) {
            c = new Recipe.Context(null, null, null, null, null);
        }
        if (c.demo() != null && c.file() != null) {
            throw new InvalidInputException(where + key + " names both 'demo' and 'file'; keep one");
        }
        if (c.file() != null) {
            return new Recipe.Context(Recipes.or(c.name(), java.nio.file.Path.of(c.file()).getFileName().toString()),
                    null, c.file(), Recipes.or(c.textField(), "text"), c.records());
        }
        String demo = Recipes.or(c.demo(), demoDefault);
        if (!demo.equals("bios") && !demo.equals("everyday")) {
            throw new InvalidInputException(where + key + ".demo must be bios or everyday, got " + demo);
        }
        if (demo.equals("everyday") && !RecipeAxis.gender(axis)) {
            throw new InvalidInputException(where + key + ": the everyday sentences are written on the gender axis "
                    + "only; on axis " + axis + " give " + key + ".file (sentences with " + axis + " terms) or "
                    + key + ".demo: bios");
        }
        int records = Recipes.or(c.records(), 2000);
        Recipes.positive(where, key + ".records", records);
        return new Recipe.Context(Recipes.or(c.name(), demo), demo, null, null, records);
    }

    private static void notEmpty(Where where, String key, List<?> list) {
        if (list != null && list.isEmpty()) {
            throw new InvalidInputException(where.at(key) + key + " is empty; list at least one value, or leave the key "
                    + "out for the default");
        }
    }

    /**
     * Refuses a YAML alias ({@code *a}): the mapper would read it as the anchor's name, not its value. JSON text,
     * which has no aliases, passes.
     *
     * @throws InvalidInputException naming the file, line, column and key
     */
    static void noAliases(String text, String source, ObjectMapper mapper) {
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    throw new InvalidInputException(where(source, p.currentTokenLocation()) + "key '"
                            + path(p.getParsingContext()) + "': the YAML alias '*" + p.getText() + "' is not supported "
                            + "in recipes (it would be read as the text '" + p.getText() + "'); write the value out");
                }
            }
        } catch (IOException e) {
            // a syntax error: the mapper reports it with its place
        }
    }

    /**
     * Where key path {@code key} ({@code scale.seeds}, {@code measures[1]}) is in {@code text}: the key's
     * place, or the element's for an index; null when it is not found.
     */
    static JsonLocation keyPath(String text, ObjectMapper mapper, String key) {
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                boolean element = p.getParsingContext().inArray() && !t.isStructEnd();
                if ((t == JsonToken.FIELD_NAME || element) && key.equals(path(p.getParsingContext()))) {
                    return p.currentTokenLocation();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** The key path of a parser context: {@code scale.seeds}, {@code seat[0]}. */
    static String path(JsonStreamContext c) {
        List<String> parts = new ArrayList<>();
        for (; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, (c.getParent() != null && !c.getParent().inRoot() ? "." : "") + c.getCurrentName());
            }
        }
        return String.join("", parts);
    }

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

    /** The line of key {@code key} in {@code text} (the parser reports where it stopped, often the next line). */
    static JsonLocation keyLocation(String text, String key, boolean yaml, JsonLocation fallback) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(yaml
                ? "^(\\s*(?:-\\s+)?|.*[{,]\\s*)" + java.util.regex.Pattern.quote(key) + "\\s*:"
                : "^(.*)\"" + java.util.regex.Pattern.quote(key) + "\"\\s*:");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            java.util.regex.Matcher m = p.matcher(lines[i]);
            if (m.find()) {
                return new JsonLocation(com.fasterxml.jackson.core.io.ContentReference.unknown(), -1L, i + 1, m.group(1).length() + 1);
            }
        }
        return fallback;
    }

    /**
     * A syntax error: the parser's place and the lines of its message that say what is wrong, without the
     * YAML parser's echo of the source line and its caret.
     */
    static InvalidInputException malformed(String source, boolean yaml,
            com.fasterxml.jackson.core.exc.StreamReadException e) {
        List<String> lines = new ArrayList<>();
        for (String line : e.getOriginalMessage().split("\n")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                lines.add(line.strip());
            }
        }
        return new InvalidInputException(where(source, e.getLocation()) + "malformed " + (yaml ? "YAML" : "JSON") + ": "
                + String.join("; ", lines));
    }

    /** What is wrong with a value the mapper refused: a fraction where a whole number goes, or its own words. */
    static String problem(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f && f.getValue() instanceof Number n
                && List.of(Integer.class, Long.class, int.class, long.class).contains(f.getTargetType())) {
            return "expected a whole number, got " + n;
        }
        return e.getOriginalMessage();
    }

    /** The key path of a mapping error, as {@code  (at scale.records)}, or empty. */
    static String path(JsonMappingException e) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                p.append(p.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                p.append('[').append(ref.getIndex()).append(']');
            }
        }
        return p.isEmpty() ? "" : " (at " + p + ")";
    }
}
