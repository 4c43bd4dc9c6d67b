/**
 * Recipes: one-command experiments that run the whole protocol (data, audit, fix, upstream intervention,
 * fine-tuning, evaluation) and write a report.
 *
 * <p>A {@link dev.debias.recipe.Recipe} is read from a YAML or JSON file by {@link dev.debias.recipe.Recipes},
 * which also fills and checks its defaults. {@link dev.debias.recipe.RecipeRunner} plans it as
 * {@link dev.debias.recipe.Step}s made by {@link dev.debias.recipe.Steps} (each a call into one stage's
 * library) and runs them with a {@link dev.debias.recipe.StepRunner}, which caches each step in a directory
 * named by a key of its settings and inputs: a second run skips finished steps and resumes an interrupted or
 * failed one. The {@link dev.debias.recipe.Report} (report.html, results.csv, results.json) states every
 * effect with an interval computed by {@link dev.debias.recipe.Effects}. This package has no command-line
 * code; {@code debias recipe} only parses options and delegates here.
 */
package dev.debias.recipe;
