/**
 * Fixtures for tests of debias and of code built on it: a tiny BERT (hand-written WordPiece
 * vocabulary, random weights) and a learnable toy corpus, so a fine-tuning or evaluation test runs in
 * seconds on CPU without a model download. Not for real experiments.
 */
package dev.debias.finetune.testing;
