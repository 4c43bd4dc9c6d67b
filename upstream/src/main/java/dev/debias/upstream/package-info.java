/**
 * Interventions on the pre-trained encoder, before fine-tuning ("upstream"), so they can be compared
 * with fixes to the fine-tuning data on the same footing. {@link dev.debias.upstream.Upstream}
 * applies one {@link dev.debias.upstream.UpstreamMethod} and writes a model directory whose
 * edits (a projection of the pooled vector, head and neuron masks, kept-zero weights) travel into
 * fine-tuning and prediction; {@link dev.debias.upstream.PairSampler} draws the counterfactual
 * sentence pairs the methods learn from, {@link dev.debias.upstream.Inlp} and
 * {@link dev.debias.upstream.LinearProbe} implement iterative nullspace projection,
 * {@link dev.debias.upstream.UnitPruning} and {@link dev.debias.upstream.MagnitudePruning}
 * the pruning methods, and {@link dev.debias.upstream.IntrinsicSnapshot} measures SEAT and the
 * counterfactual embedding gap before and after.
 */
package dev.debias.upstream;
