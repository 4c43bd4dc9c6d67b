package dev.debias.corpus.prep;

import dev.debias.corpus.Record;
import java.util.List;

/**
 * Which groups of one demographic axis a record's text names. The lexicon matching lives with the audit
 * (whose counts it must agree with), which supplies the implementation; this package only consumes it.
 * Implementations need not be thread-safe.
 */
public interface AxisDetector {
    /** The axis, e.g. {@code gender}. */
    String axis();

    /** The axis' groups, in lexicon order. */
    List<String> groups();

    /** The groups the text of {@code r} names, in {@link #groups()} order; empty when none. */
    List<String> detect(Record r);
}
