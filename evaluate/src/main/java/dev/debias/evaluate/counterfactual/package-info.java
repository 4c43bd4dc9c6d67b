/**
 * The counterfactual flip test: swap the axis terms of every record, predict again, and report
 * how often the prediction flips and how far its probability moves, per group of the original terms
 * ({@link dev.debias.evaluate.counterfactual.CounterfactualTest}).
 */
package dev.debias.evaluate.counterfactual;
