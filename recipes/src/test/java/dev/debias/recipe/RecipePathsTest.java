package dev.debias.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.RecordReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipePathsTest {
    @TempDir
    Path dir;

    @Test
    void relativePathsInARecipeFileResolveAgainstItsFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("studies/a"));
        Path recipe = folder.resolve("study.yaml");
        Files.writeString(recipe, """
                kind: pruning-transfer
                model: ../models/m
                data: {file: data/bios.csv, test_file: /abs/test.csv, label_field: job, group_field: sex}
                contexts:
                  learn: {file: ctx/learn.jsonl}
                  other: {demo: everyday}
                seat: [builtin:gender-career-family-words, tests/mine.jsonl]
                """);
        Recipe r = Recipes.load(recipe.toString());
        Path base = folder.toAbsolutePath().normalize();
        // each relative path is read from studies/a, not from the working directory; absolute and builtin: ones stay
        assertEquals(base.resolve("data/bios.csv").toString(), r.data().file());
        assertEquals("/abs/test.csv", r.data().testFile());
        assertEquals(dir.toAbsolutePath().normalize().resolve("studies/models/m").toString(), r.model());
        assertEquals(base.resolve("ctx/learn.jsonl").toString(), r.contexts().learn().file());
        assertEquals(null, r.contexts().other().file());
        assertEquals(List.of("builtin:gender-career-family-words", base.resolve("tests/mine.jsonl").toString()), r.seat());
    }

    @Test
    void aMissingFileIsNamedByItsKeyAndAbsolutePath() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("s"));
        Path recipe = folder.resolve("r.yaml");
        Files.writeString(recipe, "kind: quickstart\ndata: {file: nope.csv, label_field: y, group_field: g}\n");
        Recipe r = Recipes.resolve(Recipes.load(recipe.toString()));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RecipeRunner.builder().setRecipe(r)
                .setOut(dir.resolve("out")).build().run());
        String abs = folder.toAbsolutePath().normalize().resolve("nope.csv").toString();
        assertEquals("recipe r: data.file " + abs + " does not exist (a relative path in a recipe file is read from the "
                + "recipe file's folder)", e.getMessage());
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> Recipes.load("no/such.yaml"));
        assertTrue(none.getMessage().endsWith("(tried " + Path.of("no/such.yaml").toAbsolutePath().normalize() + ")"),
                none.getMessage());
    }

    @Test
    void builtInRecipesKeepTheirSettings() throws Exception {
        Recipe q = Recipes.load("quickstart");
        assertEquals("builtin:minilm", Recipes.resolve(q).model());
    }

    @Test
    void recipeFieldSettingsTakeFieldPaths() throws Exception {
        Path in = dir.resolve("chat.jsonl");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            b.append("{\"messages\":[{\"role\":\"user\",\"content\":\"text ").append(i).append("\"}],\"meta\":{\"y\":\"")
                    .append(i % 2 == 0 ? "a" : "b").append("\",\"g\":\"f\"}}\n");
        }
        Files.writeString(in, b);
        SeededSplit split = new SeededSplit(in, null, new FieldMapping("messages[*].content", "meta.y", List.of("meta.g"), null),
                0.2, 0.1, null, null, 4);
        Map<String, Long> counts = split.run(dir, ProgressListener.NONE);
        assertEquals(40L, counts.get("read"));
        // the split files are flat, the group kept under its path's name as a literal key
        try (RecordReader r = CorpusReaders.open(dir.resolve("train.jsonl"), ReadOptions.defaults()
                .withFields(new FieldMapping("text", "label", List.of("meta.g"), "id")))) {
            var first = r.next();
            assertTrue(first.text().startsWith("text "), first.text());
            assertEquals("f", first.attributes().get("meta.g"));
        }
    }
}
