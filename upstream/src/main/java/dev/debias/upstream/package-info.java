/**
 * Interventions on the pre-trained encoder, before fine-tuning ("upstream"), so they can be compared
 * with fixes to the fine-tuning data on the same footing. {@link dev.debias.upstream.Upstream} runs one
 * {@link dev.debias.upstream.Intervention} (a sealed type with one record per method, each with its own
 * parameters and {@link dev.debias.upstream.Diagnostics}: {@link dev.debias.upstream.SentenceDebias},
 * {@link dev.debias.upstream.Inlp}, {@link dev.debias.upstream.UnitPruning},
 * {@link dev.debias.upstream.CounterfactualContinuation}, {@link dev.debias.upstream.MagnitudePruning})
 * and writes a model directory whose edits (a projection of the pooled vector, head and neuron masks,
 * kept-zero weights) travel into fine-tuning and prediction; {@link dev.debias.upstream.UpstreamMethod}
 * names the methods on the command line and in {@code upstream.json}.
 * {@link dev.debias.upstream.PairSampler} draws the counterfactual sentence pairs the methods learn
 * from; {@link dev.debias.upstream.InlpProjection} and {@link dev.debias.upstream.LinearProbe}
 * implement iterative nullspace projection, {@link dev.debias.upstream.UnitPruner} (with
 * {@link dev.debias.upstream.GapGradients}) and {@link dev.debias.upstream.MagnitudePruner} the pruning,
 * {@link dev.debias.upstream.AlignmentTrainer} the continued training, and
 * {@link dev.debias.upstream.IntrinsicSnapshot} measures SEAT and the counterfactual embedding gap
 * before and after.
 */
package dev.debias.upstream;
