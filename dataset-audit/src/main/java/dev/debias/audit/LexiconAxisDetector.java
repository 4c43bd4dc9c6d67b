package dev.debias.audit;

import dev.debias.audit.count.ScanCounter;
import dev.debias.audit.count.Scope;
import dev.debias.corpus.Record;
import dev.debias.corpus.prep.AxisDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * The groups of an {@link Axis} that a record's text names, by the audit's own lexicon matching
 * ({@link ScanCounter#documentFeatures}: whole tokens, case-insensitive, phrases within a sentence, modifier
 * terms such as {@code black} only where they modify a person, ambiguous terms left out unless the axis
 * was parsed with them). So a field tagged with it agrees with what {@code audit} counts per document.
 * Not thread-safe.
 */
public final class LexiconAxisDetector implements AxisDetector {
    private final Axis axis;
    private final ScanCounter scan;

    /** A detector of {@code axis}. */
    public LexiconAxisDetector(Axis axis) {
        this.axis = axis;
        this.scan = new ScanCounter(Scope.DOCUMENT, axis.groups(), axis.features(), List.of(), List.of());
    }

    /**
     * The detectors of a lexicon specification ({@code gender}, {@code builtin:race}, a file): one per axis it
     * holds, ambiguous terms left out.
     */
    public static List<AxisDetector> of(String spec) {
        List<AxisDetector> out = new ArrayList<>();
        for (Axis a : Axis.parse(spec, false)) {
            out.add(new LexiconAxisDetector(a));
        }
        return out;
    }

    @Override
    public String axis() {
        return axis.name();
    }

    @Override
    public List<String> groups() {
        return axis.groups();
    }

    @Override
    public List<String> detect(Record r) {
        boolean[] has = scan.documentFeatures(r);
        List<String> out = new ArrayList<>(1);
        for (int g = 0; g < axis.groups().size(); g++) {
            if (has[g]) {
                out.add(axis.groups().get(g));
            }
        }
        return out;
    }
}
