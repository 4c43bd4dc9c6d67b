package dev.debias.recipe;

import dev.debias.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Paths written inside a recipe file resolve against the folder of that file, not the working directory, so a
 * recipe and its data can move together. The paths are {@code model} (unless {@code builtin:...}),
 * {@code data.file}, {@code data.test_file}, {@code contexts.learn.file}, {@code contexts.other.file} and each
 * {@code seat} entry that is not {@code builtin:...}; an absolute path stays as written. A built-in recipe names
 * no file, so it is left alone.
 */
final class RecipePaths {
    private static final String BUILTIN = "builtin:";

    private RecipePaths() {}

    /** {@code r} with each relative path it names resolved against {@code folder}, absolute and normalized. */
    static Recipe relativeTo(Recipe r, Path folder) {
        Path base = folder.toAbsolutePath().normalize();
        Recipe.Data d = r.data();
        if (d != null) {
            d = new Recipe.Data(d.demo(), resolve(base, d.file()), resolve(base, d.testFile()), d.textField(), d.labelField(),
                    d.groupField(), d.idField(), d.testFraction(), d.devFraction());
        }
        Recipe.Contexts c = r.contexts();
        if (c != null) {
            c = new Recipe.Contexts(context(base, c.learn()), context(base, c.other()));
        }
        List<String> seat = null;
        if (r.seat() != null) {
            seat = new ArrayList<>();
            for (String s : r.seat()) {
                seat.add(s == null || s.startsWith(BUILTIN) ? s : resolve(base, s));
            }
        }
        String model = r.model() == null || r.model().startsWith(BUILTIN) ? r.model() : resolve(base, r.model());
        return new Recipe(r.name(), r.kind(), r.question(), model, r.axis(), r.pair(), d, r.scale(), r.fix(), r.rates(),
                r.upstream(), r.downstream(), r.sparsities(), r.pruning(), c, r.upstreamOptions(), r.measures(), seat);
    }

    private static Recipe.Context context(Path base, Recipe.Context x) {
        return x == null ? null : new Recipe.Context(x.name(), x.demo(), resolve(base, x.file()), x.textField(), x.records());
    }

    private static String resolve(Path base, String path) {
        if (path == null || path.isBlank()) {
            return path;
        }
        return base.resolve(path).normalize().toString();
    }

    /**
     * Fails, naming the recipe, the key and the absolute path tried, when a data or context file the recipe names
     * is not a file.
     *
     * @throws InvalidInputException for the first missing file
     */
    static void requireFiles(Recipe r) {
        Recipe.Data d = r.data();
        if (d != null) {
            require(r, "data.file", d.file());
            require(r, "data.test_file", d.testFile());
        }
        if (r.contexts() != null) {
            require(r, "contexts.learn.file", r.contexts().learn() == null ? null : r.contexts().learn().file());
            require(r, "contexts.other.file", r.contexts().other() == null ? null : r.contexts().other().file());
        }
    }

    private static void require(Recipe r, String key, String file) {
        if (file != null && !Files.isRegularFile(Path.of(file))) {
            throw new InvalidInputException("recipe " + r.name() + ": " + key + " " + Path.of(file).toAbsolutePath().normalize()
                    + " does not exist (a relative path in a recipe file is read from the recipe file's folder)");
        }
    }
}
