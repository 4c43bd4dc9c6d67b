package dev.debias.corpus;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams the records of one corpus, never holding more than one in memory. Iteration throws
 * {@link CorpusFormatException} at the first invalid record unless skipping was asked for, and
 * {@link EmptyCorpusException} when the corpus holds no record at all. Close it when done.
 */
public interface RecordReader extends Iterator<Record>, Closeable {
    /** The file or directory being read. */
    Path source();

    /** The format being read. */
    CorpusFormat format();

    /** Counts of what was read and skipped so far; complete once iteration has ended. */
    ReadReport report();

    /** Bytes of the source consumed so far (compressed bytes for gzip input), for progress. */
    long bytesRead();

    /** The source's size in bytes, or -1 when unknown. */
    long bytesTotal();

    /** The remaining records as a sequential stream; closing the stream does not close the reader. */
    default Stream<Record> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    void close();
}
