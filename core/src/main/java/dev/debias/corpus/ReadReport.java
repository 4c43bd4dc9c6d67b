package dev.debias.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a reader did: how many records it returned and which invalid ones it skipped. Every skipped
 * record is counted; the first {@value #KEPT_DETAILS} are kept with their reasons.
 */
public final class ReadReport {
    /** How many skipped records are kept in full. */
    public static final int KEPT_DETAILS = 1000;

    private long records;
    private long skipped;
    private long blankLines;
    private final List<SkippedRecord> details = new ArrayList<>();

    void recordRead() {
        records++;
    }

    void skip(SkippedRecord s) {
        skipped++;
        if (details.size() < KEPT_DETAILS) {
            details.add(s);
        }
    }

    /**
     * Counts a record this report's reader returned as skipped after all, because the code that read it found
     * it invalid (a regression label that is no number, a missing pair field): it was read, and is now
     * among the skipped, with {@code why}.
     */
    public void rejected(SkippedRecord why) {
        records--;
        skip(why);
    }

    void blankLine() {
        blankLines++;
    }

    void blankLines(long n) {
        blankLines += n;
    }

    /** Records returned. */
    public long records() {
        return records;
    }

    /** Invalid records skipped (all of them, not only those kept in {@link #skippedRecords()}). */
    public long skipped() {
        return skipped;
    }

    /** Blank lines passed over in line-oriented formats (not records, so not skipped). */
    public long blankLines() {
        return blankLines;
    }

    /** The first {@value #KEPT_DETAILS} skipped records with their reasons. */
    public List<SkippedRecord> skippedRecords() {
        return Collections.unmodifiableList(details);
    }
}
