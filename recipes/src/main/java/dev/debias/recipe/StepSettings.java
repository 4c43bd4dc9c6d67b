package dev.debias.recipe;

import dev.debias.finetune.train.Hyperparameters;
import dev.debias.upstream.CounterfactualContinuation;
import dev.debias.upstream.Inlp;
import dev.debias.upstream.Intervention;
import dev.debias.upstream.MagnitudePruning;
import dev.debias.upstream.SentenceDebias;
import dev.debias.upstream.UnitPruning;
import dev.debias.upstream.UpstreamMethod;
import java.util.List;
import java.util.Map;

/**
 * The settings of each kind of recipe step. A step's record is both what configures its library call and,
 * serialised in snake case, the configuration its cache key hashes ({@link Step#of(String, String, Record,
 * List, List, Step.Action)}), so the key names exactly what the call does.
 */
final class StepSettings {
    private StepSettings() {}

    /**
     * The demo biography generator: {@code records} bios at co-occurrence {@code cooccurrence} of {@code axis},
     * {@code pair} the two groups written (the first with the first four occupations).
     */
    record DemoBios(String generator, int records, double cooccurrence, long seed, String labels, double mentionRate,
            String axis, List<String> pair) {
        DemoBios(int records, double cooccurrence, long seed, String labels, double mentionRate, String axis,
                List<String> pair) {
            this("bios", records, cooccurrence, seed, labels, mentionRate, axis, pair);
        }
    }

    /** A part ({@code learn}, {@code measure} or {@code all}) of a user's file of sentences. */
    record ContextFile(String file, String textField, Integer records, String part, long seed) {}

    /** Generated everyday sentences. */
    record Everyday(String generator, int records, long seed) {
        Everyday(int records, long seed) {
            this("everyday", records, seed);
        }
    }

    /** The user's file split into train, dev and test (see {@link SeededSplit}). */
    record Split(String file, String testFile, String textField, String labelField, String groupField, String idField,
            double testFraction, double devFraction, Integer records, Integer testRecords, long seed) {}

    /** The training split resampled to a co-occurrence rate (see {@link LabelGroupResampler}). */
    record Resample(double rate, List<Double> rates, long seed, String groupField) {}

    /** An audit of lexicon terms against labels and target terms, and of the group field against labels. */
    record Audit(String axis, String targets, String scope, String groupField) {}

    /**
     * A fix of the data by one augment mode; {@code axis} is the lexicon whose terms define the groups, and the
     * swapper swaps {@code pair}'s two groups of {@code swapAxis}.
     */
    record Augment(String mode, long seed, double targetRate, String axis, String groupField, String swapAxis,
            List<String> pair) {}

    /**
     * An evaluation of a fine-tuned run: group metrics by the group field, the counterfactual flip test on
     * the terms of axis {@code counterfactual}, swapping {@code pair}'s two groups, and the SEAT tests.
     */
    record Evaluate(Map<String, String> design, Integer bootstrap, List<String> seat, String counterfactual,
            String groupField, long seed, List<String> pair) {}

    /**
     * A fine-tune of {@code model} ({@code (step)} for the output of an earlier step, whose key stands for it),
     * with the weight field of a reweighed training set, or null.
     */
    record Finetune(String model, String weightField, Hyperparameters hyperparameters) {}

    /**
     * An intervention on the recipe's pre-trained model ({@code method} is its name in upstream.json), with
     * the pair sampling settings left null where the recipe leaves them to the defaults; pairs swap
     * {@code pair}'s two groups of {@code axis}.
     */
    record Upstream(String model, String method, Intervention<?> intervention, Integer learnPairs,
            Integer heldOutPairs, Integer neutral, Integer maxLength, List<String> seat, Integer bootstrap, long seed,
            String axis, List<String> pair) {}

    /** The intervention a recipe's upstream options ask of {@code method} ({@code sparsity} for magnitude pruning). */
    static Intervention<?> intervention(UpstreamMethod method, Recipe.UpstreamOptions o, Double sparsity) {
        return switch (method) {
            case SENTENCE_DEBIAS -> o.directions() == null ? SentenceDebias.defaults() : new SentenceDebias(o.directions());
            case INLP -> o.inlpIterations() == null ? Inlp.defaults() : Inlp.defaults().withMaxIterations(o.inlpIterations());
            case PRUNE_HEADS, PRUNE_NEURONS -> {
                UnitPruning u = method == UpstreamMethod.PRUNE_HEADS ? UnitPruning.heads() : UnitPruning.neurons();
                yield o.fraction() == null ? u : u.withFraction(o.fraction());
            }
            case COUNTERFACTUAL_CONTINUE -> o.steps() == null ? CounterfactualContinuation.defaults()
                    : CounterfactualContinuation.defaults().withSteps(o.steps());
            case MAGNITUDE_PRUNE -> sparsity == null ? MagnitudePruning.defaults()
                    : MagnitudePruning.defaults().withSparsity(sparsity);
        };
    }

    /** The counterfactual embedding gap of a model on held-out sentence pairs of {@code axis} ({@code pair} swapped). */
    record Gap(String model, int pairs, long seed, Integer maxLength, Integer bootstrap, String axis, List<String> pair) {}
}
