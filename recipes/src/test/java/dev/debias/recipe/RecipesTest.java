package dev.debias.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading, resolving and checking recipe files. */
class RecipesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"quickstart", "cooccurrence-sweep", "cooccurrence-sweep-race", "upstream-vs-downstream",
        "pruning-transfer", "measure-agreement"})
    void everyBuiltInLoadsResolvesAndRoundTrips(String name) throws Exception {
        Recipe r = Recipes.resolve(Recipes.load(name));
        assertEquals(name, r.name());
        assertEquals("builtin:minilm", r.model());
        assertTrue(r.question().endsWith("?"), r.question());
        // the resolved recipe, written out and read back, resolves to itself
        Recipe again = Recipes.resolve(Recipes.parse(Recipes.toYaml(r), "x.yaml", true, "x"));
        assertEquals(r, again);
        Recipe fromJson = Recipes.resolve(Recipes.parse(Recipes.toJson(r), "x.json", false, "x"));
        assertEquals(r, fromJson);
        // the shipped file is the one the module directory holds, for users to copy
        assertEquals(Files.readString(Path.of("builtin", name + ".yaml")), Recipes.builtinText(name));
    }

    @Test
    void defaultsAreFilledPerKind() {
        Recipe r = Recipes.resolve(Recipes.parse("kind: upstream-vs-downstream\n", "f.yaml", true, "f"));
        assertEquals(List.of("none", "sentence-debias", "inlp", "prune-neurons", "counterfactual-continue"), r.upstream());
        assertEquals(List.of("none", "two-sided", "rebalance", "reweigh"), r.downstream());
        assertEquals(List.of(1L), r.scale().seeds());
        assertEquals(0.9, r.data().demo().cooccurrence());
        assertEquals("f", r.name());
        Recipe s = Recipes.resolve(Recipes.parse("{\"kind\": \"cooccurrence-sweep\"}", "f.json", false, "f"));
        assertEquals(List.of(0.5, 0.6, 0.7, 0.8, 0.9, 1.0), s.rates());
    }

    @Test
    void anUnknownKeyNamesTheFileLineAndTheKnownKeys() throws Exception {
        Path f = dir.resolve("study.yaml");
        Files.writeString(f, "kind: quickstart\nscale:\n  records: 10\n  epoch: 2\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Recipes.load(f.toString()));
        assertTrue(e.getMessage().startsWith(f + ":4:"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown key 'epoch'"), e.getMessage());
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
    }

    @Test
    void aNameThatIsNotOneFolderNameIsRefusedNamingTheKeyAndLine() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Recipes.parse("kind: quickstart\nname: ../../../esc\n", "r.yaml", true, "r"));
        assertTrue(e.getMessage().startsWith("r.yaml:2:1: key 'name': '../../../esc' is not a valid recipe name"),
                e.getMessage());
        assertTrue(e.getMessage().contains("letters, digits, '-', '_' and '.', not starting with '.'"), e.getMessage());
        for (String bad : List.of(".hidden", "..", "a/b", "a b", "/abs", "", "x:y")) {
            e = assertThrows(InvalidInputException.class, () -> Recipes.parse("kind: quickstart\nname: \"" + bad + "\"\n",
                    "r.yaml", true, "r"), bad);
            assertTrue(e.getMessage().contains("key 'name': '" + bad + "'"), e.getMessage());
        }
        e = assertThrows(InvalidInputException.class,
                () -> Recipes.parse("{\"kind\": \"quickstart\",\n \"name\": \"../x\"}", "r.json", false, "r"));
        assertTrue(e.getMessage().startsWith("r.json:2:2: key 'name': '../x'"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Recipes.parse("kind: quickstart\n", "...yaml", true, ".."));
        assertTrue(e.getMessage().contains("no 'name' key and its file name gives '..'"), e.getMessage());
        Recipe ok = Recipes.parse("kind: quickstart\nname: my-study_2.v1\n", "r.yaml", true, "r");
        assertEquals("my-study_2.v1", Recipes.resolve(ok).name());
        e = assertThrows(InvalidInputException.class, () -> Recipes.resolve(new Recipe("../up", ok.kind(), ok.question(),
                ok.model(), ok.axis(), ok.pair(), ok.data(), ok.scale(), ok.fix(), ok.rates(), ok.upstream(), ok.downstream(), ok.sparsities(),
                ok.pruning(), ok.contexts(), ok.upstreamOptions(), ok.measures(), ok.seat())));
        assertTrue(e.getMessage().contains("key 'name': '../up'"), e.getMessage());
    }

    @Test
    void valuesThatWouldBeReadAsSomethingElseAreRefusedNamingTheKeyAndPlace() {
        assertStarts("kind: quickstart\nscale:\n  records: 1.5\n", "r.yaml:3:12: wrong value (at scale.records): expected a whole number, got 1.5");
        assertStarts("kind: quickstart\nscale:\n  seeds: []\n", "r.yaml:3:3: scale.seeds is empty;");
        assertStarts("kind: quickstart\nmeasures: []\n", "r.yaml:2:1: measures is empty;");
        assertStarts("kind: cooccurrence-sweep\nrates: []\n", "r.yaml:2:1: rates is empty;");
        assertStarts("kind: quickstart\nmeasures: [flip_rate, banana]\n",
                "r.yaml:2:23: measures[1]: unknown measure 'banana' for a quickstart recipe; known: [accuracy, ");
        assertStarts("kind: quickstart\nmeasures:\n  - embedding_gap\n", "r.yaml:3:3: measures[0]: unknown measure");
        assertStarts("kind: quickstart\nquestion: &a \"lol\"\nseat: [*a]\n",
                "r.yaml:3:8: key 'seat[0]': the YAML alias '*a' is not supported in recipes");
        assertStarts("{\"kind\": \"quickstart\", \"scale\": {\"seeds\": []}}", "r.json:1:34: scale.seeds is empty",
                false);
        // the same checks for a recipe built in code, without a place
        Recipe r = Recipes.parse("kind: quickstart\n", "r.yaml", true, "r");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Recipes.resolve(new Recipe(r.name(),
                r.kind(), r.question(), r.model(), r.axis(), r.pair(), r.data(), r.scale(), r.fix(), r.rates(), r.upstream(), r.downstream(),
                r.sparsities(), r.pruning(), r.contexts(), r.upstreamOptions(), List.of("banana"), r.seat())));
        assertTrue(e.getMessage().startsWith("recipe r: measures[0]: unknown measure 'banana'"), e.getMessage());
        // what is fine stays fine
        Recipe ok = Recipes.resolve(Recipes.parse("kind: measure-agreement\nmeasures: [seat:gender-career-family-words, "
                + "embedding_gap]\nscale: {records: 10, seeds: [2]}\n", "r.yaml", true, "r"));
        assertEquals(List.of("seat:gender-career-family-words", "embedding_gap"), ok.measures());
        assertEquals(10, ok.scale().records());
    }

    private static void assertStarts(String text, String expected) {
        assertStarts(text, expected, true);
    }

    private static void assertStarts(String text, String expected, boolean yaml) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Recipes.resolve(Recipes.parse(text, yaml ? "r.yaml" : "r.json", yaml, "r")), text);
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void badValuesAreRefusedBeforeAnythingRuns() {
        assertMessage("kind: sweep\n", "unknown recipe kind 'sweep'");
        assertMessage("scale: {records: 5}\n", "no 'kind'");
        assertMessage("kind: quickstart\nscale: {records: many}\n", "wrong value (at scale.records)");
        assertMessage("kind: cooccurrence-sweep\nrates: [0.5, 1.5]\n", "rates must lie in [0, 1], got 1.5");
        assertMessage("kind: cooccurrence-sweep\nrates: [0.5]\n", "at least two distinct");
        assertMessage("kind: upstream-vs-downstream\nupstream: [inlp]\n", "must both list 'none'");
        assertMessage("kind: upstream-vs-downstream\nupstream: [none, inlq]\n", "unknown upstream method 'inlq'");
        assertMessage("kind: upstream-vs-downstream\ndownstream: [none, cda]\n", "unknown mode 'cda'");
        assertMessage("kind: quickstart\ndata: {file: x.csv, label_field: y}\n", "needs data.label_field and data.group_field");
        assertMessage("kind: quickstart\nscale: {seeds: [1, 1]}\n", "seeds repeat");
        assertMessage("kind: pruning-transfer\npruning: [inlp]\n", "pruning lists prune-heads and prune-neurons");
        assertMessage("kind: quickstart\nkind: quickstart\n", "Duplicate field 'kind'");
        assertMessage("kind: quickstart\nscale: {precision: fp16}\n", "scale.precision: precision 'fp16' is unknown; "
                + "use fp32, bf16 or auto");
    }

    @Test
    void precisionIsFp32UnlessTheRecipeSaysOtherwise() {
        assertEquals("fp32", Recipes.resolve(Recipes.parse("kind: quickstart\n", "r.yaml", true, "r")).scale().precision());
        assertEquals("bf16", Recipes.resolve(Recipes.parse("kind: quickstart\nscale: {precision: bf16}\n", "r.yaml", true,
                "r")).scale().precision());
    }

    private static void assertMessage(String yaml, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Recipes.resolve(Recipes.parse(yaml, "r.yaml", true, "r")));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void emptyAndMalformedFilesSaySoWithThePlace() throws Exception {
        for (String name : List.of("empty.yaml", "empty.json")) {
            Path f = dir.resolve(name);
            Files.writeString(f, "\n");
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Recipes.load(f.toString()));
            assertEquals(f + ": the recipe file is empty; it needs at least 'kind'", e.getMessage());
        }
        Path y = dir.resolve("broken.yaml");
        Files.writeString(y, "kind: quickstart\nscale: {records: 10\n");
        InvalidInputException ey = assertThrows(InvalidInputException.class, () -> Recipes.load(y.toString()));
        assertTrue(ey.getMessage().startsWith(y + ":2:20: malformed YAML: while parsing a flow mapping; expected ',' "
                + "or '}', but got <stream end>"), ey.getMessage());
        assertFalse(ey.getMessage().contains("\n"), ey.getMessage());
        Path j = dir.resolve("broken.json");
        Files.writeString(j, "{\"kind\": \"quickstart\",\n \"scale\": {\"records\": 10,}\n}\n");
        InvalidInputException ej = assertThrows(InvalidInputException.class, () -> Recipes.load(j.toString()));
        assertTrue(ej.getMessage().startsWith(j + ":2:26: malformed JSON: Unexpected character ('}'"), ej.getMessage());
    }

    @Test
    void aMissingRecipeSaysWhatThereIs() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Recipes.load("quickstrat"));
        assertTrue(e.getMessage().contains("not a built-in (quickstart, cooccurrence-sweep"), e.getMessage());
    }
}
