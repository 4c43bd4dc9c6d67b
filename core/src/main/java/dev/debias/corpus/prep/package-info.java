/**
 * Preparing a corpus for the later stages without leaving Java: splitting it into train/dev/test
 * ({@link dev.debias.corpus.prep.CorpusSplitter}), sampling it ({@link dev.debias.corpus.prep.CorpusSampler}),
 * keeping records by field values or lexicon matches ({@link dev.debias.corpus.prep.CorpusFilter}), dropping
 * exact and near duplicates ({@link dev.debias.corpus.prep.Deduplicator}) and tagging each record with the
 * groups its text names ({@link dev.debias.corpus.prep.CorpusTagger}). Every operation reads through
 * {@link dev.debias.corpus.CorpusReaders}, writes through {@link dev.debias.corpus.CorpusWriters}, is
 * deterministic for its seed, and keys its random choices on record ids through {@link dev.debias.corpus.prep.StableHash}.
 */
package dev.debias.corpus.prep;
