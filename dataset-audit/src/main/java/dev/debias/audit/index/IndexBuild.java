package dev.debias.audit.index;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The outcome of {@link CorpusIndexer#run()}.
 *
 * @param dir the index directory
 * @param metadata what the index holds; its {@link IndexMetadata#source()} is the file given to this
 *     run, also when the index was reused from another file with the same bytes
 * @param reused true when an existing index matched the input and was kept
 */
public record IndexBuild(Path dir, IndexMetadata metadata, boolean reused) {
    /**
     * Opens the index, its metadata this build's: an audit of it names the file given to the
     * indexer, not the one an index reused from the cache was first built from.
     *
     * @throws dev.debias.core.InvalidInputException when the directory no longer holds this index (another
     *     process rebuilt it from other input meanwhile)
     */
    public CorpusIndex open() throws IOException {
        return CorpusIndex.open(dir, metadata);
    }
}
