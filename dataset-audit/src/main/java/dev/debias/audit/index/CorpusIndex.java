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
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": no such index directory; build one by auditing the corpus with "
                    + Setting.INDEX + " " + dir);
        }
        IndexMetadata m = CorpusIndexer.existing(dir);
        if (m == null) {
            throw new InvalidInputException(dir + ": holds no debias index; build one by auditing the corpus with "
                    + Setting.INDEX + " " + dir);
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
