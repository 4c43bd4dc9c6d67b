package dev.debias.evaluate.intrinsic;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SEAT tests in the layout of the SEAT release (May et al. 2019): one JSON object (not JSON
 * lines, despite the usual {@code .jsonl} extension) with keys {@code targ1}, {@code targ2},
 * {@code attr1} and {@code attr2}, each {@code {"category": NAME, "examples": [strings]}}; other keys
 * are ignored.
 *
 * <p>Built-in tests ({@code builtin:NAME}), written for this toolkit rather than copied from the SEAT
 * release (they follow the same concepts: WEAT 6, 8 and an occupations test), with 10 stimuli per
 * category in the word versions and 4 sentences per stimulus in the sentence versions:
 * <ul>
 *   <li>{@code gender-career-family-words}: male vs female first names, career vs family words;</li>
 *   <li>{@code gender-career-family-sentences}: the same in topic sentences ("We talked about NAME.",
 *       "The topic was NAME.", "It was all about NAME.", "Everyone kept thinking about NAME.");</li>
 *   <li>{@code gender-science-arts-words}: male vs female family terms (man, father, ... / woman,
 *       mother, ...), science vs arts words;</li>
 *   <li>{@code gender-science-arts-sentences}: the same in the topic sentences ("the man");</li>
 *   <li>{@code gender-terms-occupations-words}: male vs female terms (he, man, father, ... / she,
 *       woman, mother, ...), occupations stereotyped male (engineer, carpenter, ...) vs female (nurse,
 *       receptionist, ...);</li>
 *   <li>{@code gender-terms-occupations-sentences}: the same as sentence subjects ("He arrived
 *       early.", "The nurse is over there.", "The father was at work today.", "The pilot said hello
 *       to everyone.").</li>
 * </ul>
 * In each, the first target and first attribute are the stereotypical association, so a positive
 * effect size is a stereotype-consistent bias.
 */
public final class SeatTests {
    /** The spec prefix of a built-in test. */
    public static final String BUILTIN = "builtin:";
    private static final List<String> BUILTINS = List.of("gender-career-family-sentences", "gender-career-family-words",
            "gender-science-arts-sentences", "gender-science-arts-words", "gender-terms-occupations-sentences",
            "gender-terms-occupations-words");
    private static final List<String> KEYS = List.of("targ1", "targ2", "attr1", "attr2");
    private static final String LAYOUT = "one JSON object with keys targ1, targ2, attr1, attr2, each "
            + "{\"category\": NAME, \"examples\": [strings]}";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SeatTests() {}

    /**
     * Reads a SEAT test file; the test is named after the file, without {@code .jsonl} or {@code .json}.
     *
     * @throws InvalidInputException naming the file and what was expected, when it is missing, not
     *     valid JSON, lacks a key, or has an empty or non-string example
     */
    public static SeatTest read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file; expected a SEAT test (" + LAYOUT + ")");
        }
        String name = file.getFileName().toString().replaceFirst("\\.jsonl?$", "");
        return parse(file.toString(), name, Files.readAllBytes(file));
    }

    /**
     * The built-in test {@code name} (see the class comment).
     *
     * @throws InvalidInputException when there is no such built-in, listing those there are
     */
    public static SeatTest builtin(String name) {
        if (!BUILTINS.contains(name)) {
            throw new InvalidInputException(BUILTIN + name + ": no such built-in SEAT test; expected one of "
                    + BUILTINS);
        }
        String resource = "/dev/debias/evaluate/seat/" + name + ".jsonl";
        try (InputStream in = SeatTests.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return parse(BUILTIN + name, name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the built-in tests, sorted. */
    public static List<String> builtinNames() {
        return BUILTINS;
    }

    /**
     * A test from {@code builtin:NAME} or a file path.
     *
     * @throws InvalidInputException for an unknown built-in or a missing or broken file
     */
    public static SeatTest resolve(String spec) throws IOException {
        if (spec.startsWith(BUILTIN)) {
            return builtin(spec.substring(BUILTIN.length()));
        }
        Path p = Path.of(spec);
        if (!Files.isRegularFile(p)) {
            throw new InvalidInputException(spec + ": no such file; give " + BUILTIN + "NAME (one of " + BUILTINS
                    + ") or a SEAT test file (" + LAYOUT + ")");
        }
        return read(p);
    }

    private static SeatTest parse(String where, String name, byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidInputException(where + ": not valid JSON" + position + " (" + e.getOriginalMessage()
                    + "); expected " + LAYOUT + " (a single object, not JSON lines, despite the .jsonl extension)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(where + ": expected " + LAYOUT + ", found "
                    + (root == null || root.isMissingNode() ? "nothing" : "a JSON " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        List<SeatTest.Category> cats = new ArrayList<>();
        for (String key : KEYS) {
            cats.add(category(where, key, root.get(key)));
        }
        return new SeatTest(name, cats.get(0), cats.get(1), cats.get(2), cats.get(3));
    }

    private static SeatTest.Category category(String where, String key, JsonNode node) {
        if (node == null) {
            throw new InvalidInputException(where + ": missing key '" + key + "'; expected " + LAYOUT);
        }
        if (!node.isObject()) {
            throw new InvalidInputException(where + ": '" + key + "' must be an object {\"category\": NAME, "
                    + "\"examples\": [strings]}");
        }
        JsonNode category = node.get("category");
        if (category == null || !category.isTextual() || category.asText().isBlank()) {
            throw new InvalidInputException(where + ": '" + key + ".category' must be a non-empty string (the "
                    + "category's name)");
        }
        JsonNode examples = node.get("examples");
        if (examples == null || !examples.isArray()) {
            throw new InvalidInputException(where + ": '" + key + ".examples' must be an array of strings");
        }
        if (examples.isEmpty()) {
            throw new InvalidInputException(where + ": '" + key + ".examples' is empty; expected at least one string");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            JsonNode e = examples.get(i);
            if (!e.isTextual() || e.asText().isBlank()) {
                throw new InvalidInputException(where + ": '" + key + ".examples' item " + i + " is "
                        + (e.isTextual() ? "blank" : e.toString()) + "; expected a non-empty string");
            }
            out.add(e.asText());
        }
        return new SeatTest.Category(category.asText(), out);
    }
}
