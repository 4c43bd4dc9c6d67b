/** Resampling helpers shared by the group metrics, the counterfactual test and the intrinsic tests. */
package dev.debias.stats;
