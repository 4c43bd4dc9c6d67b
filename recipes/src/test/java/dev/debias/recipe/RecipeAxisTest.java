package dev.debias.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The axis and pair of a recipe: defaults, checks, and what every step's settings make of them. */
class RecipeAxisTest {
    @TempDir
    Path dir;

    private static Recipe resolve(String yaml) {
        return Recipes.resolve(Recipes.parse(yaml, "r.yaml", true, "r"));
    }

    @Test
    void theAxisDefaultsToGenderAndEachDemoAxisToItsPair() {
        Recipe g = resolve("kind: cooccurrence-sweep\n");
        assertEquals("gender", g.axis());
        assertEquals(List.of("female", "male"), g.pair());
        assertEquals("gender", g.data().groupField());
        Recipe race = resolve("kind: cooccurrence-sweep\naxis: race\n");
        assertEquals(List.of("black", "white"), race.pair());
        assertEquals("race", race.data().groupField(), "the demo data's group field is the axis");
        assertTrue(race.question().contains("race/label co-occurrence"), race.question());
        Recipe religion = resolve("kind: quickstart\naxis: religion\n");
        assertEquals(List.of("christian", "muslim"), religion.pair());
        assertEquals("religion", religion.data().groupField());
        assertTrue(religion.question().contains("religion bias"), religion.question());
        assertEquals(List.of("asian", "white"), resolve("kind: quickstart\naxis: race\npair: [Asian, white]\n").pair());
        // the resolved recipe names them, and reads back to itself
        assertTrue(Recipes.toYaml(race).contains("axis: race\npair:\n- black\n- white\n"), Recipes.toYaml(race));
        assertEquals(race, Recipes.resolve(Recipes.parse(Recipes.toYaml(race), "x.yaml", true, "x")));
    }

    @Test
    void aFileOnAnAxisOfMoreThanTwoGroupsNeedsThePairNamingTheFileAndKey() throws Exception {
        Path f = dir.resolve("study.yaml");
        Files.writeString(f, "kind: cooccurrence-sweep\naxis: race\ndata:\n  file: bios.csv\n  label_field: occupation\n"
                + "  group_field: race\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Recipes.load(f.toString()));
        assertTrue(e.getMessage().startsWith(f + ":2:") && e.getMessage().contains("key 'pair'")
                && e.getMessage().contains("6 groups"), e.getMessage());
        // with the pair it loads; a file on a two-group axis takes the axis' two groups
        Files.writeString(f, Files.readString(f) + "pair: [black, white]\n");
        assertEquals(List.of("black", "white"), Recipes.resolve(Recipes.load(f.toString())).pair());
        Recipe age = resolve("kind: quickstart\naxis: age\ndata: {file: x.csv, label_field: l, group_field: age}\n");
        assertEquals(List.of("young", "old"), age.pair(), "the lexicon's order");
    }

    @Test
    void aWrongAxisOrPairIsRefusedWithItsKey() {
        assertMessage("kind: quickstart\naxis: height\n", "r.yaml:2:", "key 'axis': unknown axis 'height'");
        assertMessage("kind: quickstart\naxis: race\npair: [black, martian]\n", "r.yaml:3:",
                "key 'pair': 'martian' is not a group of axis race");
        assertMessage("kind: quickstart\naxis: race\npair: [black]\n", "r.yaml:3:", "key 'pair': two different groups");
        assertMessage("kind: quickstart\naxis: age\n", "r.yaml:2:", "the demo bios are written on the gender, race or "
                + "religion axis");
        assertMessage("kind: pruning-transfer\naxis: race\n", "recipe r: ", "contexts.other: the everyday sentences "
                + "are written on the gender axis only");
    }

    private static void assertMessage(String yaml, String start, String part) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> resolve(yaml));
        assertTrue(e.getMessage().startsWith(start) && e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void seatDefaultsToTheGenderTestOnGenderOnly() {
        assertEquals(List.of(RecipeChecks.DEFAULT_SEAT), resolve("kind: measure-agreement\n").seat());
        assertEquals(List.of(), resolve("kind: measure-agreement\naxis: race\n").seat());
    }

    /** Every step kind's settings for a recipe, by step type. */
    private static Map<String, Map<String, Object>> settings(Recipe r) {
        Steps steps = new Steps(r, null);
        Steps.DataRef data = steps.demoBios("train", 100, 0.9, 1);
        Steps.ModelRef base = Steps.ModelRef.pretrained(r.model());
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        out.put("demo", data.step().config());
        out.put("audit", steps.audit("x", data).config());
        out.put("augment", steps.augment(data, "two-sided", 1).step().config());
        out.put("evaluate", steps.evaluate(base, data, Map.of("rate", "0.9")).config());
        out.put("gap", steps.gap("x", base, data, 10, 1).config());
        out.put("upstream", steps.upstream("inlp", null, data, null, 1).step().config());
        return out;
    }

    @Test
    void everyStepsSettingsCarryTheAxisAndPair() {
        Map<String, Map<String, Object>> race = settings(resolve("kind: upstream-vs-downstream\naxis: race\n"));
        List<String> pair = List.of("black", "white");
        assertEquals("race", race.get("demo").get("axis"));
        assertEquals(pair, race.get("demo").get("pair"));
        assertEquals("builtin:race,builtin:race-names", race.get("audit").get("axis"));
        assertEquals("race", race.get("audit").get("group_field"));
        assertEquals("builtin:race,builtin:race-names", race.get("augment").get("axis"));
        assertEquals("race", race.get("augment").get("swap_axis"));
        assertEquals(pair, race.get("augment").get("pair"));
        assertEquals("race", race.get("evaluate").get("counterfactual"));
        assertEquals("race", race.get("evaluate").get("group_field"));
        assertEquals(pair, race.get("evaluate").get("pair"));
        for (String s : List.of("gap", "upstream")) {
            assertEquals("race", race.get(s).get("axis"), s);
            assertEquals(pair, race.get(s).get("pair"), s);
        }
        Map<String, Map<String, Object>> religion = settings(resolve("kind: upstream-vs-downstream\naxis: religion\n"));
        assertEquals("builtin:religion", religion.get("audit").get("axis"));
        assertEquals(List.of("christian", "muslim"), religion.get("evaluate").get("pair"));
    }

    @Test
    void aGenderRecipeResolvesToTheSameSettingsAsBeforeApartFromTheNewFields() {
        Map<String, Map<String, Object>> g = settings(resolve("kind: upstream-vs-downstream\n"));
        List<String> pair = List.of("female", "male");
        // the values the steps had before recipes took an axis
        assertEquals(Map.of("axis", "builtin:gender", "targets", "builtin:occupations", "scope", "document",
                "group_field", "gender"), g.get("audit"));
        assertEquals(without(g.get("augment"), "swap_axis", "pair"), Map.of("mode", "two-sided", "seed", 1L,
                "target_rate", 0.5, "axis", "builtin:gender,builtin:names", "group_field", "gender"));
        Map<String, Object> demo = without(g.get("demo"), "axis", "pair");
        assertEquals(Map.of("generator", "bios", "records", 100, "cooccurrence", 0.9, "seed", 1L, "labels", "occupation",
                "mention_rate", 0.5), demo);
        Map<String, Object> eval = without(g.get("evaluate"), "pair");
        assertEquals("gender", eval.get("counterfactual"));
        assertEquals("gender", eval.get("group_field"));
        assertEquals(List.of("design", "bootstrap", "seat", "counterfactual", "group_field", "seed").stream().sorted()
                .toList(), eval.keySet().stream().sorted().toList());
        assertEquals(List.of("model", "pairs", "seed", "max_length", "bootstrap").stream().sorted().toList(),
                without(g.get("gap"), "axis", "pair").keySet().stream().sorted().toList());
        for (String s : List.of("demo", "gap", "upstream")) {
            assertEquals("gender", g.get(s).get("axis"), s);
        }
        for (String s : List.of("demo", "augment", "evaluate", "gap", "upstream")) {
            assertEquals(pair, g.get(s).get("pair"), s);
        }
    }

    private static Map<String, Object> without(Map<String, Object> m, String... keys) {
        Map<String, Object> out = new LinkedHashMap<>(m);
        for (String k : keys) {
            out.remove(k);
        }
        return out;
    }
}
