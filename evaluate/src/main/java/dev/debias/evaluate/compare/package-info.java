/**
 * Evaluations side by side: each run's accuracy and bias measures, means with Student-t intervals
 * over runs that differ only by seed, and Kendall's tau-b between every pair of bias measures across
 * runs ({@link dev.debias.evaluate.compare.Comparisons}), written as JSON, CSV and HTML
 * ({@link dev.debias.evaluate.compare.ComparisonFiles}).
 */
package dev.debias.evaluate.compare;
