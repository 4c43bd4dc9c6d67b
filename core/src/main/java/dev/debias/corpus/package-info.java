/**
 * Streaming corpus I/O: reading JSONL, CSV, TSV, plain text and directories of text files record by
 * record ({@link dev.debias.corpus.CorpusReaders}), with a {@link dev.debias.corpus.FieldMapping} naming the
 * text, label, group and id fields and invalid records either stopping the read or skipped and counted
 * ({@link dev.debias.corpus.ReadReport}); and writing JSONL, CSV and TSV atomically
 * ({@link dev.debias.corpus.CorpusWriters}). Every record carries its {@link dev.debias.corpus.Provenance}.
 */
package dev.debias.corpus;
