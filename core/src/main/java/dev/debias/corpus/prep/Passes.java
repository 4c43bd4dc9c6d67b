package dev.debias.corpus.prep;

import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.ReadReport;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import java.io.IOException;
import java.nio.file.Path;

/** One streaming pass over a corpus with progress in bytes: the loop every operation here shares. */
final class Passes {
    private Passes() {}

    /** Receives each record with its 0-based ordinal among the records read. */
    @FunctionalInterface
    interface Visitor {
        void visit(long ordinal, Record r) throws IOException;
    }

    /** Reads {@code input} once, handing each record to {@code visitor}; returns what the reader reported. */
    static ReadReport each(Path input, ReadOptions options, String task, ProgressListener progress, Visitor visitor)
            throws IOException {
        try (RecordReader reader = CorpusReaders.open(input, options)) {
            progress.start(task, reader.bytesTotal(), "bytes");
            long n = 0;
            long last = 0;
            while (reader.hasNext()) {
                visitor.visit(n, reader.next());
                if ((++n & 1023) == 0) {
                    progress.advance(reader.bytesRead() - last);
                    last = reader.bytesRead();
                }
            }
            progress.advance(reader.bytesRead() - last);
            progress.finish();
            return reader.report();
        }
    }
}
