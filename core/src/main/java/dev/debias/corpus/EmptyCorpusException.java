package dev.debias.corpus;

import java.nio.file.Path;

/** A corpus with no records at all: an empty file, a header without rows, or a directory without {@code .txt} files. */
public class EmptyCorpusException extends CorpusFormatException {
    private static final long serialVersionUID = 1L;

    public EmptyCorpusException(Path file, String reason) {
        super(file, 0, reason);
    }
}
