package dev.debias.augment;

import dev.debias.audit.Axis;
import dev.debias.corpus.GroupValueMap;
import dev.debias.corpus.Record;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The before and after rates of an augmentation, counted while it streams: each input record's group and
 * each output record's group are detected on the worker threads ({@link #detect}, one {@link GroupDetector}
 * per thread) and counted in input order on the writing thread ({@link #add}). An output record with its
 * input's text and group field has its input's group, which is not detected again. So neither the input nor
 * the output is read a second time, and no index is built.
 */
final class StreamedRates {
    private final String groupField;
    private final boolean countInput;
    private final ThreadLocal<GroupDetector> detectors;
    private final GroupRates before;
    private final GroupRates after;

    /** One input record's outcome with the groups it was counted with (-1: none or several, or not counted). */
    record Counted(Outcome outcome, String label, int group, int[] outputGroups) {}

    /**
     * Rates of {@code axis}' groups, taken from {@code groupField} read with {@code values} (null: the
     * lexicon); the input's rates only when {@code countInput} (a census may hold them already).
     */
    StreamedRates(Axis axis, String groupField, GroupValueMap values, boolean countInput) {
        this.groupField = groupField;
        this.countInput = countInput;
        this.detectors = ThreadLocal.withInitial(() -> new GroupDetector(axis, groupField, values));
        this.before = new GroupRates(axis.groups());
        this.after = new GroupRates(axis.groups());
    }

    /** {@code outcome} of input record {@code r} with its groups detected (by {@code rates}; null: none counted). Thread-safe. */
    static Counted detect(StreamedRates rates, Record r, Outcome outcome) {
        return rates == null ? new Counted(outcome, null, -1, null) : rates.detect(r, outcome);
    }

    private Counted detect(Record r, Outcome outcome) {
        GroupDetector d = detectors.get();
        List<Record> out = outcome.records();
        int own = countInput || out.stream().anyMatch(o -> sameGroupOf(o, r)) ? d.group(r) : -1;
        int[] groups = new int[out.size()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = sameGroupOf(out.get(i), r) ? own : d.group(out.get(i));
        }
        return new Counted(outcome, r.label(), own, groups);
    }

    /** Whether {@code o}'s group is certainly {@code r}'s: the same text and the same group field value. */
    private boolean sameGroupOf(Record o, Record r) {
        return o.text().equals(r.text())
                && (groupField == null || Objects.equals(o.attributes().get(groupField), r.attributes().get(groupField)));
    }

    /** Counts one input record and its outputs; call in input order, from one thread. */
    void add(Counted c) {
        if (countInput) {
            before.add(c.label(), c.group());
        }
        List<Record> out = c.outcome().records();
        for (int i = 0; i < out.size(); i++) {
            after.add(out.get(i).label(), c.outputGroups()[i]);
        }
    }

    /** The input's rates, per label (sorted) and group. */
    Map<String, Map<String, Double>> before() {
        return before.rates();
    }

    /** The output's rates, per label (sorted) and group. */
    Map<String, Map<String, Double>> after() {
        return after.rates();
    }
}
