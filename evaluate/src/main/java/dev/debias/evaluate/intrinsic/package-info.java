/**
 * Intrinsic bias tests of encoders, measured on the embeddings rather than on a downstream task. WEAT
 * ({@link dev.debias.evaluate.intrinsic.Weat}) and SEAT ({@link dev.debias.evaluate.intrinsic.Seat})
 * compare how two target groups associate with two attribute sets, with an effect size and a
 * permutation p-value; {@link dev.debias.evaluate.intrinsic.SeatTests} reads SEAT test files and
 * ships built-in ones. {@link dev.debias.evaluate.intrinsic.BiasSubspaces} estimates a bias subspace
 * from counterfactual pairs, whose projection can be set on a model to remove it, and
 * {@link dev.debias.evaluate.intrinsic.EmbeddingGap} measures how far counterfactual pairs lie apart.
 */
package dev.debias.evaluate.intrinsic;
