/**
 * Group fairness of a classifier's predictions: per-group and overall metrics (accuracy, macro-F1,
 * selection rate, per-class TPR, FPR and precision) and the gaps between groups (demographic parity,
 * disparate impact, equal opportunity, equalized odds, per-class TPR gaps and GAP-RMS), each with a
 * stratified percentile bootstrap interval ({@link dev.debias.evaluate.group.GroupFairness}), from a
 * predictions file of any tool ({@link dev.debias.evaluate.group.PredictionFiles}).
 */
package dev.debias.evaluate.group;
