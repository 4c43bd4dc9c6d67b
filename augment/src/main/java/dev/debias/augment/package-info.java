/**
 * Fixes to fine-tuning data: counterfactual substitution, one- and two-sided augmentation,
 * rebalancing to a target co-occurrence rate, and reweighing, each accounting for every input
 * record with provenance. Built on the corpus and lexicon types of the core module and the counts
 * of the dataset-audit module.
 *
 * <p>{@link dev.debias.augment.Augmenter} is the entry point; behind it, a planning mode's
 * {@code Planner} turns a {@code Census} of the corpus into a {@code Plan}, a {@code RecordTransform}
 * per mode makes each record's output, and an {@code OrderedPipeline} runs the transform in
 * parallel while keeping input order.
 */
package dev.debias.augment;
