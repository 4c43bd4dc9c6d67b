/**
 * Paired inference between runs evaluated on the same test records: one common resample of the records
 * applied to every run, a two-level resample (seeds, then records) when cells pool several seeds, for the
 * measures recomputed from predictions ({@link dev.debias.evaluate.paired.PairedBootstrap}) and for the
 * counterfactual flip rate from each run's per-record outcomes ({@link dev.debias.evaluate.paired.PairedFlips}),
 * and Holm's adjustment of the p-values of a family of effects.
 */
package dev.debias.evaluate.paired;
