package dev.debias.audit.index;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/** An open audit index: the Lucene reader and what the index was built from. Close it when done. */
public final class CorpusIndex implements Closeable {
    private final Path dir;
    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexMetadata metadata;

    private CorpusIndex(Path dir, Directory directory, DirectoryReader reader, IndexMetadata metadata) {
        this.dir = dir;
        this.directory = directory;
        this.reader = reader;
        this.metadata = metadata;
    }

    /**
     * Opens the debias index in {@code dir}.
     *
     * @throws InvalidInputException when the directory holds no debias index
     */
    public static CorpusIndex open(Path dir) throws IOException {
        return open(dir, null);
    }

    /**
     * Opens the index in {@code dir}, which must be the one {@code expected} describes (same input
     * bytes and settings); the index then carries {@code expected}, whose source may name another file
     * with the same bytes. Null: whatever index is there.
     */
    static CorpusIndex open(Path dir, IndexMetadata expected) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": no such index directory; build one by auditing the corpus with "
                    + Setting.INDEX + " " + dir);
        }
        IndexLocation.Existing found = IndexLocation.inspect(dir);
        IndexMetadata m = found.metadata();
        if (m == null) {
            throw new InvalidInputException(dir + (found.unfinished()
                    ? ": holds the files of an index build that never finished (it was stopped or failed); rebuild "
                            + "it by auditing the corpus with "
                    : ": holds no debias index; build one by auditing the corpus with ") + Setting.INDEX + " " + dir);
        }
        if (expected != null) {
            if (!m.withSource(expected.source()).equals(expected)) {
                throw new InvalidInputException(dir + ": the index was rebuilt from other input by another process "
                        + "while this one used it; run again");
            }
            m = expected;
        }
        Directory d = FSDirectory.open(dir);
        try {
            DirectoryReader r = DirectoryReader.open(d);
            for (LeafReaderContext leaf : r.leaves()) {
                if (leaf.reader().hasDeletions()) {
                    r.close();
                    throw new InvalidInputException(dir + ": the index has deleted documents, which debias never "
                            + "writes; rebuild it");
                }
            }
            return new CorpusIndex(dir, d, r, m);
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /** The index directory. */
    public Path dir() {
        return dir;
    }

    /** The Lucene reader; owned by this index. */
    public DirectoryReader reader() {
        return reader;
    }

    /** What the index was built from. */
    public IndexMetadata metadata() {
        return metadata;
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            directory.close();
        }
    }
}
