package dev.debias.cli;

import dev.debias.core.InvalidInputException;
import dev.debias.recipe.Recipe;
import dev.debias.recipe.RecipeResult;
import dev.debias.recipe.RecipeRunner;
import dev.debias.recipe.Recipes;
import dev.debias.recipe.Step;
import dev.debias.recipe.StepFailedException;
import dev.debias.recipe.StepRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code debias recipe}: run, list and show the one-command experiments. */
@Command(name = "recipe", mixinStandardHelpOptions = true,
        description = {"One-command experiments: a recipe file (YAML or JSON) names the data, model, interventions, "
                + "seeds and budget; 'recipe run' executes it step by step (generate or split data, audit, augment, "
                + "upstream, fine-tune, evaluate), caches every finished step under OUT/steps/ by a key of its inputs "
                + "and settings, and writes OUT/report.html, OUT/results.csv and OUT/results.json.",
            "Built-ins: " + "quickstart, cooccurrence-sweep, upstream-vs-downstream, pruning-transfer, measure-agreement "
                    + "('recipe show NAME' prints one to copy and edit)."},
        subcommands = {RecipeCommand.Run.class, RecipeCommand.ListRecipes.class, RecipeCommand.Show.class},
        footer = {"", "Examples:", "  debias recipe run quickstart",
            "  debias recipe run cooccurrence-sweep --seeds 1,2,3 --out runs/sweep",
            "  debias recipe show upstream-vs-downstream > my-study.yaml   # edit, then:",
            "  debias recipe run my-study.yaml"})
final class RecipeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** {@code debias recipe run}. */
    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Run a recipe. Steps already done in --out are skipped, so running the same command again "
                    + "after an interruption or a failed step resumes where it stopped and reaches the same results. "
                    + "Changing a setting re-runs only the steps it affects.",
                "The scale options override the recipe's scale section, so one recipe serves a quick CPU check and "
                        + "a full study."},
            footer = {"", "Examples:", "  debias recipe run quickstart",
                "  debias recipe run upstream-vs-downstream --records 300 --epochs 1 --seeds 1 --out runs/uvd-quick",
                "  debias recipe run my-study.yaml --dry-run"})
    static final class Run implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RECIPE", description = "A built-in name or a .yaml/.yml/.json file.")
        String recipe;

        @Option(names = "--out", paramLabel = "DIR", description = "Run directory. Default: runs/NAME.")
        Path out;

        @Option(names = "--model", paramLabel = "MODEL", description = "Override the model (builtin:minilm, a model "
                + "directory, an .onnx file).")
        String model;

        @Option(names = "--records", paramLabel = "N", description = "Override scale.records (training records).")
        Integer records;

        @Option(names = "--test-records", paramLabel = "N", description = "Override scale.test_records.")
        Integer testRecords;

        @Option(names = "--epochs", paramLabel = "N", description = "Override scale.epochs.")
        Integer epochs;

        @Option(names = "--max-length", paramLabel = "N", description = "Override scale.max_length (tokens).")
        Integer maxLength;

        @Option(names = "--batch-size", paramLabel = "N", description = "Override scale.batch_size.")
        Integer batchSize;

        @Option(names = "--seeds", paramLabel = "S,S", split = ",", description = "Override scale.seeds (training seeds).")
        List<Long> seeds;

        @Option(names = "--bootstrap", paramLabel = "N", description = "Override scale.bootstrap (replicates).")
        Integer bootstrap;

        @Option(names = "--device", paramLabel = "DEVICE", description = "Override scale.device: auto, cpu or gpu.")
        String device;

        @Option(names = "--precision", paramLabel = "P",
                description = "Override scale.precision: fp32, bf16 (bfloat16 matrix products, float32 weights, norms "
                        + "and softmax) or auto (bf16 where the CPU or GPU has it).")
        String precision;

        @Option(names = "--dry-run", description = "Print the plan and which steps are done; run nothing.")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            Recipe r = Recipes.load(recipe);
            r = override(r);
            Path dir = out != null ? out : Path.of("runs", r.name());
            PrintWriter o = spec.commandLine().getOut();
            RecipeRunner runner = RecipeRunner.builder().setRecipe(r).setOut(dir).optDryRun(dryRun)
                    .optProgress(CliProgress.create()).optListener(listener(o)).build();
            Recipe resolved = runner.recipe();
            o.printf(Locale.ROOT, "recipe %s (%s): %s%n", resolved.name(), resolved.kind(), resolved.question());
            o.flush();
            RecipeResult res;
            try {
                res = runner.run();
            } catch (StepFailedException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("debias: error: " + SettingFlags.translate(e.getMessage()));
                err.println("  the finished steps are kept in " + dir.resolve(RecipeRunner.STEPS) + "; the failed step's "
                        + "directory is " + e.dir() + ".");
                err.println("  Fix the cause and run the same command again: it resumes at this step.");
                if (common.verbose) {
                    e.getCause().printStackTrace(err);
                }
                err.flush();
                Throwable c = e.getCause();
                return c instanceof InvalidInputException || c instanceof IllegalArgumentException ? ExitCodes.BAD_INPUT
                        : ExitCodes.FAILURE;
            }
            if (dryRun) {
                o.printf(Locale.ROOT, "%d steps, %d done:%n", res.plan().size(), res.cached());
                for (String s : res.plan()) {
                    o.println("  " + s);
                }
                o.flush();
                return ExitCodes.OK;
            }
            o.println();
            for (String s : res.reading()) {
                o.println(s);
            }
            o.printf(Locale.ROOT, "%n%d steps (%d cached). Report: %s%n", res.steps().size(), res.cached(),
                    res.report().toAbsolutePath());
            o.printf(Locale.ROOT, "Results: %s, %s%n", dir.resolve("results.csv"), dir.resolve("results.json"));
            o.flush();
            return ExitCodes.OK;
        }

        private Recipe override(Recipe r) {
            if (model != null) {
                r = r.withModel(model);
            }
            Recipe.Scale s = r.scale() == null
                    ? new Recipe.Scale(null, null, null, null, null, null, null, null, null, null) : r.scale();
            return r.withScale(new Recipe.Scale(records != null ? records : s.records(),
                    testRecords != null ? testRecords : s.testRecords(), epochs != null ? epochs : s.epochs(),
                    maxLength != null ? maxLength : s.maxLength(), batchSize != null ? batchSize : s.batchSize(),
                    s.learningRate(), seeds != null ? seeds : s.seeds(), bootstrap != null ? bootstrap : s.bootstrap(),
                    device != null ? device : s.device(), precision != null ? precision : s.precision()));
        }

        private static StepRunner.Listener listener(PrintWriter o) {
            return new StepRunner.Listener() {
                @Override
                public void starting(int index, int total, Step step, boolean cached) {
                    o.printf(Locale.ROOT, "[%d/%d] %s%s%n", index + 1, total, step.label(), cached ? " (done, cached)" : "");
                    o.flush();
                }

                @Override
                public void finished(Step step, double seconds) {
                    o.printf(Locale.ROOT, "      done in %.1f s%n", seconds);
                    o.flush();
                }
            };
        }
    }

    /** {@code debias recipe list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in recipes and their questions.")
    static final class ListRecipes implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter o = spec.commandLine().getOut();
            for (String name : Recipes.BUILTIN) {
                Recipe r = Recipes.resolve(Recipes.load(name));
                o.printf(Locale.ROOT, "%-24s %s%n", name, r.question());
            }
            o.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code debias recipe show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a recipe: a built-in as shipped (to copy and edit), or with --resolved every default "
                    + "filled in.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RECIPE", description = "A built-in name or a recipe file.")
        String recipe;

        @Option(names = "--resolved", description = "Print the recipe with every default filled in.")
        boolean resolved;

        @Override
        public Integer call() throws Exception {
            PrintWriter o = spec.commandLine().getOut();
            if (!resolved && Recipes.BUILTIN.contains(recipe)) {
                o.print(Recipes.builtinText(recipe));
            } else {
                o.print(Recipes.toYaml(resolved ? Recipes.resolve(Recipes.load(recipe)) : Recipes.load(recipe)));
            }
            o.flush();
            return ExitCodes.OK;
        }
    }
}
