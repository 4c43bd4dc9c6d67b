package dev.debias.corpus;

import java.nio.file.Path;

/**
 * One bad record in an otherwise readable file: the reader can go on after it, so
 * {@link ReadOptions#skipInvalid()} skips it (and counts it) instead of failing.
 */
public class InvalidRecordException extends CorpusFormatException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(Path file, long line, String reason) {
        super(file, line, reason);
    }
}
