package dev.debias.evaluate.intrinsic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading SEAT test files: the layout, each error, the built-ins, resolving specs. */
class SeatTestsTest {
    private static final String VALID = """
            {
              "targ1": {"category": "Flowers", "examples": ["rose", "tulip"]},
              "targ2": {"category": "Insects", "examples": ["ant"]},
              "attr1": {"category": "Pleasant", "examples": ["love", "peace", "joy"]},
              "attr2": {"category": "Unpleasant", "examples": ["hatred"]},
              "notes": "ignored"
            }
            """;

    private static Path write(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsTheSeatLayout(@TempDir Path dir) throws Exception {
        SeatTest t = SeatTests.read(write(dir, "flowers.jsonl", VALID));
        assertEquals("flowers", t.name());
        assertEquals(new SeatTest.Category("Flowers", List.of("rose", "tulip")), t.targ1());
        assertEquals(new SeatTest.Category("Insects", List.of("ant")), t.targ2());
        assertEquals(List.of("love", "peace", "joy"), t.attr1().examples());
        assertEquals("Unpleasant", t.attr2().name());
        assertEquals("flowers", SeatTests.read(write(dir, "flowers.json", VALID)).name());
    }

    /** Reads {@code text} from a file and returns the error message, checking it names the file. */
    private static String error(Path dir, String text) throws Exception {
        Path f = write(dir, "broken.jsonl", text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SeatTests.read(f));
        assertTrue(e.getMessage().startsWith(f.toString() + ":"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void invalidJsonNamesLineAndColumn(@TempDir Path dir) throws Exception {
        String m = error(dir, "{\n  \"targ1\": {\"category\": \"X\",, }\n}");
        assertTrue(m.contains("not valid JSON at line 2, column"), m);
        assertTrue(m.contains("targ1, targ2, attr1, attr2"), m);
    }

    @Test
    void jsonLinesAreNotTheLayout(@TempDir Path dir) throws Exception {
        String m = error(dir, "{\"targ1\": 1}\n{\"targ2\": 2}\n");
        assertTrue(m.contains("line 2") && m.contains("not JSON lines"), m);
        m = error(dir, "[1, 2]");
        assertTrue(m.contains("found a JSON array"), m);
        m = error(dir, "");
        assertTrue(m.contains("found nothing"), m);
    }

    @Test
    void aMissingKeyIsNamed(@TempDir Path dir) throws Exception {
        String m = error(dir, VALID.replace("\"attr1\"", "\"attribute1\""));
        assertTrue(m.contains("missing key 'attr1'"), m);
        m = error(dir, VALID.replace("\"category\": \"Insects\", ", ""));
        assertTrue(m.contains("'targ2.category'"), m);
        m = error(dir, VALID.replace("\"examples\": [\"hatred\"]", "\"words\": [\"hatred\"]"));
        assertTrue(m.contains("'attr2.examples' must be an array"), m);
    }

    @Test
    void emptyExamplesAreAnError(@TempDir Path dir) throws Exception {
        String m = error(dir, VALID.replace("[\"ant\"]", "[]"));
        assertTrue(m.contains("'targ2.examples' is empty"), m);
    }

    @Test
    void aNonStringExampleIsAnError(@TempDir Path dir) throws Exception {
        String m = error(dir, VALID.replace("\"peace\"", "42"));
        assertTrue(m.contains("'attr1.examples' item 1 is 42"), m);
        m = error(dir, VALID.replace("\"peace\"", "\" \""));
        assertTrue(m.contains("'attr1.examples' item 1 is blank"), m);
    }

    @Test
    void aMissingFileIsAnInputError(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SeatTests.read(dir.resolve("nope.jsonl")));
        assertTrue(e.getMessage().contains("nope.jsonl") && e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void everyBuiltinLoads() {
        assertEquals(6, SeatTests.builtinNames().size());
        assertTrue(SeatTests.builtinNames().containsAll(List.of("gender-career-family-words",
                "gender-career-family-sentences", "gender-science-arts-words", "gender-terms-occupations-words",
                "gender-terms-occupations-sentences")));
        for (String name : SeatTests.builtinNames()) {
            SeatTest t = SeatTests.builtin(name);
            assertEquals(name, t.name());
            int least = name.endsWith("-sentences") ? 40 : 10;
            for (SeatTest.Category c : List.of(t.targ1(), t.targ2(), t.attr1(), t.attr2())) {
                assertTrue(c.examples().size() >= least, name + " " + c.name() + ": " + c.examples().size());
                assertEquals(c.examples().size(), new HashSet<>(c.examples()).size(), name + " " + c.name() + " repeats");
            }
            if (name.endsWith("-sentences")) {
                for (String s : t.targ1().examples()) {
                    assertTrue(s.endsWith(".") && s.contains(" "), name + ": " + s);
                }
            }
        }
    }

    @Test
    void theSentenceVersionsUseTheWordsOfTheWordVersions() {
        for (String stem : List.of("gender-career-family", "gender-science-arts", "gender-terms-occupations")) {
            SeatTest words = SeatTests.builtin(stem + "-words");
            SeatTest sentences = SeatTests.builtin(stem + "-sentences");
            assertEquals(words.attr2().name(), sentences.attr2().name());
            assertEquals(4 * words.attr2().examples().size(), sentences.attr2().examples().size());
            for (String w : words.attr2().examples()) {
                assertTrue(sentences.attr2().examples().stream().anyMatch(s -> s.toLowerCase().contains(w)), stem + ": " + w);
            }
        }
        assertEquals("He arrived early.", SeatTests.builtin("gender-terms-occupations-sentences").targ1().examples().get(0));
        assertEquals(List.of("James", "Mary", "manager", "home"), firsts(SeatTests.builtin("gender-career-family-words")));
    }

    private static List<String> firsts(SeatTest t) {
        return List.of(t.targ1().examples().get(0), t.targ2().examples().get(0), t.attr1().examples().get(0),
                t.attr2().examples().get(0));
    }

    @Test
    void resolveTakesBuiltinsAndPaths(@TempDir Path dir) throws Exception {
        assertEquals(SeatTests.builtin("gender-science-arts-words"), SeatTests.resolve("builtin:gender-science-arts-words"));
        Path f = write(dir, "mine.jsonl", VALID);
        assertEquals("mine", SeatTests.resolve(f.toString()).name());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SeatTests.resolve("builtin:weat99"));
        assertTrue(e.getMessage().contains("builtin:weat99") && e.getMessage().contains("gender-career-family-words"),
                e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> SeatTests.resolve(dir.resolve("gone.jsonl").toString()));
        assertTrue(e.getMessage().contains("gone.jsonl") && e.getMessage().contains("builtin:NAME"), e.getMessage());
    }
}
