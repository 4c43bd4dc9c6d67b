package dev.debias.cli;

import dev.debias.corpus.ReadReport;
import dev.debias.corpus.SkippedRecord;
import java.io.PrintWriter;

/** Tells the user about every record a reader skipped: the count, and the first ones with their reasons. */
final class SkipReport {
    private static final int SHOWN = 20;

    private SkipReport() {}

    static void print(ReadReport report, PrintWriter err) {
        print(report, null, err);
    }

    /** As {@link #print(ReadReport, PrintWriter)}, naming the corpus {@code source} read (null for none). */
    static void print(ReadReport report, Object source, PrintWriter err) {
        if (report == null || report.skipped() == 0) {
            return;
        }
        err.printf("debias: skipped %d invalid record(s) of %d%s:%n", report.skipped(), report.skipped() + report.records(),
                source == null ? "" : " in " + source);
        int i = 0;
        for (SkippedRecord s : report.skippedRecords()) {
            if (i++ == SHOWN) {
                break;
            }
            err.println("  " + SettingFlags.translate(String.valueOf(s)));
        }
        if (report.skipped() > SHOWN) {
            err.printf("  ... and %d more%n", report.skipped() - SHOWN);
        }
        err.flush();
    }
}
