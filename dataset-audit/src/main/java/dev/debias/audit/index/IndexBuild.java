package dev.debias.audit.index;

import java.nio.file.Path;

/**
 * The outcome of {@link CorpusIndexer#run()}.
 *
 * @param dir the index directory
 * @param metadata what the index holds
 * @param reused true when an existing index matched the input and was kept
 */
public record IndexBuild(Path dir, IndexMetadata metadata, boolean reused) {}
