/**
 * Measures of a regression model (an STS similarity, a score): mean squared error, Pearson and Spearman
 * correlation with bootstrap intervals, the base rate of always predicting the mean, a chance check
 * before any group gap is read, and by group the mean residual and its gap to the other records ({@link
 * dev.debias.evaluate.regression.RegressionEvaluation}).
 */
package dev.debias.evaluate.regression;
