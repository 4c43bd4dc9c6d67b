/**
 * Paired inference between runs evaluated on the same test records: one common resample of the records
 * applied to every run, a two-level resample (seeds, then records) when cells pool several seeds, and Holm's
 * adjustment of the p-values of a family of effects.
 */
package dev.debias.evaluate.paired;
