package dev.debias.augment;

import dev.debias.augment.swap.Substitution;
import dev.debias.corpus.ReadReport;
import dev.debias.corpus.Record;
import dev.debias.corpus.SkippedRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running counts of an augmentation, fed the outcome of every input record in input order and
 * the reader's report of skipped records; {@link AugmentSummaries} turns them into the summary.
 * Not thread-safe.
 */
final class Tally {
    /** How many skipped records are listed with their reasons. */
    static final int SKIPPED_LISTED = 20;

    long in;
    long out;
    long originals;
    long dropped;
    long copies;
    long changed;
    long substitutions;
    long skipped;
    final List<String> skippedRecords = new ArrayList<>();
    /** Records written per transform, in order of first appearance. */
    final Map<String, Long> byTransform = new LinkedHashMap<>();
    /** Substitutions per lower-case {@code before>after}, sorted by term. */
    final Map<String, Long> byTerm = new TreeMap<>();
    /** Records that left an axis word unchanged against the mapping, per {@code words (reason)}, sorted. */
    final Map<String, Long> kept = new TreeMap<>();

    /** Counts one input record's outcome. */
    void add(Outcome o) {
        in++;
        if (o.primary()) {
            originals++;
        } else {
            dropped++;
        }
        copies += o.copies();
        changed += o.changed();
        for (Record r : o.records()) {
            out++;
            byTransform.merge(r.attributes().get(Transforms.TRANSFORM), 1L, Long::sum);
        }
        for (Substitution s : o.subs()) {
            substitutions++;
            String before = s.before().toLowerCase(Locale.ROOT);
            if (!before.equals("a") && !before.equals("an")) {
                // an article made to agree is a substitution (its offsets are listed) but not a term swapped
                byTerm.merge(before + ">" + s.after().toLowerCase(Locale.ROOT), 1L, Long::sum);
            }
        }
        for (var k : o.kept().stream().distinct().toList()) {
            kept.merge(k.text() + " (" + k.reason() + ")", 1L, Long::sum);
        }
    }

    /** Takes the skipped records of the reader's {@code report}: all counted, the first {@value #SKIPPED_LISTED} listed. */
    void skipped(ReadReport report) {
        skipped = report.skipped();
        List<SkippedRecord> all = report.skippedRecords();
        for (SkippedRecord s : all.subList(0, Math.min(SKIPPED_LISTED, all.size()))) {
            skippedRecords.add(s.toString());
        }
    }
}
