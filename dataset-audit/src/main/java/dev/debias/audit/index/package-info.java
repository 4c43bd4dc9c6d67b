/**
 * The Lucene index an audit counts from: built from the streamed corpus once per input and settings
 * and reused while both are unchanged ({@link dev.debias.audit.index.CorpusIndexer},
 * {@link dev.debias.audit.index.IndexCache}), then opened for counting ({@link dev.debias.audit.index.CorpusIndex}).
 */
package dev.debias.audit.index;
