/**
 * Sanity gates before any bias reading: is a model's accuracy and macro-F1 clear of the majority-class and
 * chance baselines, with paired bootstrap intervals, and which classes have too few test records.
 */
package dev.debias.evaluate.sanity;
