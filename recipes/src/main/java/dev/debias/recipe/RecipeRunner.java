package dev.debias.recipe;

import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.core.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Runs a recipe: resolves it, plans its steps, runs those not already done in {@code OUT/steps/}, and writes
 * {@code report.html}, {@code results.csv} and {@code results.json} into {@code OUT}. Running it again on the
 * same directory skips every finished step, so an interrupted or failed run resumes where it stopped and
 * reaches the same results.
 *
 * <pre>{@code
 * RecipeResult r = RecipeRunner.builder().setRecipe(Recipes.load("quickstart")).setOut(Path.of("runs/quickstart"))
 *         .build().run();
 * }</pre>
 */
public final class RecipeRunner {
    /** The directory under {@code OUT} that holds the steps. */
    public static final String STEPS = "steps";
    /** The resolved recipe, written before any step runs. */
    public static final String RESOLVED = "recipe.resolved.yaml";

    private final Recipe recipe;
    private final Path out;
    private final ProgressListener progress;
    private final StepRunner.Listener listener;
    private final boolean dryRun;

    private RecipeRunner(Builder b) {
        this.recipe = Recipes.resolve(b.recipe);
        this.out = b.out;
        this.progress = b.progress;
        this.listener = b.listener;
        this.dryRun = b.dryRun;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The resolved recipe this runner executes. */
    public Recipe recipe() {
        return recipe;
    }

    /**
     * Runs the recipe (or, for a dry run, only plans it and says which steps are done: a dry run writes
     * nothing, not even the run directory).
     *
     * @throws StepFailedException when a step fails; the finished steps are kept
     * @throws InvalidInputException when a data file named by the recipe is missing
     */
    public RecipeResult run() throws IOException {
        RecipePaths.requireFiles(recipe);
        StepRunner runner = new StepRunner(out.resolve(STEPS), progress, listener);
        Steps steps = new Steps(recipe, runner);
        Experiment e = experiment(recipe, steps, runner);
        e.plan();
        List<Step> plan = e.steps();
        if (dryRun) {
            int done = 0;
            for (Step s : plan) {
                done += runner.isDone(s) ? 1 : 0;
            }
            return new RecipeResult(recipe, out, null, plan.stream().map(Step::label).toList(), done, List.of(),
                    List.of());
        }
        Files.createDirectories(out);
        AtomicFile.write(out.resolve(RESOLVED), Recipes.toYaml(recipe).getBytes(StandardCharsets.UTF_8));
        List<StepRunner.Outcome> outcomes = runner.run(plan);
        Report report = new Report(recipe);
        e.reportSplit(report);
        e.report(report);
        report.steps(outcomes);
        Path html = report.write(out);
        int cached = (int) outcomes.stream().filter(StepRunner.Outcome::cached).count();
        return new RecipeResult(recipe, out, html, plan.stream().map(Step::label).toList(), cached, outcomes,
                report.reading());
    }

    private static Experiment experiment(Recipe r, Steps steps, StepRunner runner) {
        return switch (RecipeKind.parse(r.kind())) {
            case QUICKSTART -> new Quickstart(r, steps, runner);
            case COOCCURRENCE_SWEEP -> new CooccurrenceSweep(r, steps, runner);
            case UPSTREAM_VS_DOWNSTREAM -> new UpstreamVsDownstream(r, steps, runner);
            case PRUNING_TRANSFER -> new PruningTransfer(r, steps, runner);
            case MEASURE_AGREEMENT -> new MeasureAgreementExperiment(r, steps, runner);
        };
    }

    /** Builds a {@link RecipeRunner}: {@code setRecipe} and {@code setOut} are required. */
    public static final class Builder {
        private Recipe recipe;
        private Path out;
        private ProgressListener progress = ProgressListener.NONE;
        private StepRunner.Listener listener = StepRunner.Listener.NONE;
        private boolean dryRun;

        private Builder() {}

        /** The recipe (resolved on build). */
        public Builder setRecipe(Recipe r) {
            this.recipe = r;
            return this;
        }

        /** The run directory: steps, report and results. */
        public Builder setOut(Path dir) {
            this.out = dir;
            return this;
        }

        /** Where the steps report progress. */
        public Builder optProgress(ProgressListener p) {
            this.progress = Objects.requireNonNull(p);
            return this;
        }

        /** Hears which step starts and finishes. */
        public Builder optListener(StepRunner.Listener l) {
            this.listener = Objects.requireNonNull(l);
            return this;
        }

        /** Plan only: run nothing, report which steps are done. */
        public Builder optDryRun(boolean d) {
            this.dryRun = d;
            return this;
        }

        /**
         * Resolves the recipe and builds.
         *
         * @throws InvalidInputException when the recipe has a value that cannot work
         * @throws IllegalArgumentException when the recipe or out directory is missing
         */
        public RecipeRunner build() {
            if (recipe == null || out == null) {
                throw new IllegalArgumentException("setRecipe and setOut are required");
            }
            return new RecipeRunner(this);
        }
    }
}
