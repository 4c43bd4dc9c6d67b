/**
 * Fixes to fine-tuning data: counterfactual substitution, one- and two-sided augmentation,
 * rebalancing to a target co-occurrence rate, and reweighing, each accounting for every input
 * record with provenance. Built on the corpus and lexicon types of the dataset-audit module.
 */
package dev.debias.augment;
