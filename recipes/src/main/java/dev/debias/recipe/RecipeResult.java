package dev.debias.recipe;

import java.nio.file.Path;
import java.util.List;

/**
 * What a recipe run did. Immutable.
 *
 * @param recipe the resolved recipe
 * @param dir the run directory
 * @param report {@code report.html}, or null for a dry run
 * @param plan every step's label, in order
 * @param cached how many steps were already done
 * @param steps what happened to each step (empty for a dry run)
 * @param reading the report's reading, sentence by sentence
 */
public record RecipeResult(Recipe recipe, Path dir, Path report, List<String> plan, int cached,
        List<StepRunner.Outcome> steps, List<String> reading) {
    public RecipeResult {
        plan = List.copyOf(plan);
        steps = List.copyOf(steps);
        reading = List.copyOf(reading);
    }
}
