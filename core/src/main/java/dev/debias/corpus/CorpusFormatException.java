package dev.debias.corpus;

import dev.debias.core.InvalidInputException;
import java.nio.file.Path;

/**
 * A corpus file that is not what its format promises, at a known place. The message reads
 * {@code FILE:LINE: what is wrong}, so a user can open the file at the line.
 */
public class CorpusFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final long line;
    private final String reason;

    /**
     * @param file the file (or directory entry) at fault
     * @param line the 1-based line, or 0 when the fault is not on one line
     * @param reason what is wrong and what was expected
     */
    public CorpusFormatException(Path file, long line, String reason) {
        this(file, line, reason, null);
    }

    public CorpusFormatException(Path file, long line, String reason, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault, or 0 when the fault is not on one line. */
    public long line() {
        return line;
    }

    /** What is wrong, without the place. */
    public String reason() {
        return reason;
    }
}
