/**
 * Threshold-free and calibration measures from predicted probabilities: AUC overall and per subgroup,
 * BPSN and BNSP AUC (Borkan et al. 2019) with their generalised mean, and expected calibration error and
 * calibration difference per group, each with the stratified percentile bootstrap of the group metrics.
 */
package dev.debias.evaluate.scores;
