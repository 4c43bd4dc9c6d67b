package dev.debias.corpus;

/**
 * A record that a reader skipped because it was invalid and skipping was asked for.
 *
 * @param file the name of the file it was in (for a directory corpus, its path below the directory)
 * @param line the 1-based line where it starts, or 0 when records are not lines (Parquet: the reason names the row)
 * @param reason why it was skipped
 */
public record SkippedRecord(String file, long line, String reason) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + reason;
    }
}
