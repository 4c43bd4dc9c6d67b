/**
 * Group fairness metrics with confidence intervals, counterfactual and intrinsic tests, and the
 * comparison of upstream (model) and downstream (data) interventions on the same footing.
 */
package dev.debias.evaluate;
