package dev.debias.augment;

import dev.debias.audit.Axis;
import dev.debias.augment.swap.Counterfactual;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.augment.swap.Substitution;
import dev.debias.corpus.GroupValueMap;
import dev.debias.corpus.Provenance;
import dev.debias.corpus.Record;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the output records of an input record: the record marked with the fields augment adds
 * ({@link Transforms#SOURCE_ID}, {@link Transforms#TRANSFORM}, {@link Transforms#SUBSTITUTIONS}),
 * and its counterfactual, whose ground-truth group fields follow the swap (a value standing for a group
 * the swap's mapping sends elsewhere becomes the target group's value: the value a {@link GroupValueMap}
 * gives that group, else the group in the value's style) and whose
 * label follows it when it is itself a swappable term and labels swap. A copy whose group field holds a
 * value that stands for no group of the axis is counted ({@link #unmappedGroupValues}), never silently
 * passed on. Thread-safe.
 */
final class RecordRewriter {
    private final CounterfactualSwapper swapper;
    private final Axis axis;
    private final Set<String> groupFields;
    private final boolean swapLabels;
    private final GroupValueMap map;
    private final java.util.concurrent.atomic.AtomicLong unmapped = new java.util.concurrent.atomic.AtomicLong();

    /** Rewrites with {@code swapper} on {@code axis}, flipping the values of {@code groupFields}. */
    RecordRewriter(CounterfactualSwapper swapper, Axis axis, java.util.Collection<String> groupFields, boolean swapLabels) {
        this(swapper, axis, groupFields, swapLabels, GroupValueMap.NONE);
    }

    /** Rewrites as above, reading and writing group values with {@code map}. */
    RecordRewriter(CounterfactualSwapper swapper, Axis axis, java.util.Collection<String> groupFields, boolean swapLabels,
            GroupValueMap map) {
        this.map = map;
        this.swapper = swapper;
        this.axis = axis;
        this.groupFields = Set.copyOf(groupFields);
        this.swapLabels = swapLabels;
    }

    /**
     * {@code r} with the id {@code id}, the text {@code text} and the augment fields; an original or
     * reweighed record keeps its provenance, any other is derived from {@code r} by {@code transform}.
     */
    static Record mark(Record r, String id, String text, String transform, List<Substitution> subs) {
        Map<String, String> attrs = new LinkedHashMap<>(r.attributes());
        attrs.putIfAbsent(Transforms.SOURCE_ID, r.id());
        attrs.put(Transforms.TRANSFORM, transform);
        attrs.put(Transforms.SUBSTITUTIONS, Substitution.format(subs));
        boolean same = transform.equals(Transforms.ORIGINAL) || transform.equals(Transforms.REWEIGHED);
        Provenance p = same ? r.provenance() : Provenance.derived(r, transform);
        return new Record(id, text, r.label(), attrs, p, r.json());
    }

    /** How many copies so far kept a non-blank group field value that stands for no group of the axis. */
    long unmappedGroupValues() {
        return unmapped.get();
    }

    /** {@code r} written as it was, with the augment fields. */
    static Record original(Record r) {
        return mark(r, r.id(), r.text(), Transforms.ORIGINAL, List.of());
    }

    /**
     * The counterfactual record of {@code r} (an added copy, or the record itself when substituted),
     * with the id {@code r.id() + idSuffix}: swapped text, group fields and (when swappable) label.
     */
    Record counterfactual(Record r, Counterfactual cf, String idSuffix, String transform) {
        Record c = mark(r, r.id() + idSuffix, cf.text(), transform, cf.substitutions());
        for (var e : r.attributes().entrySet()) {
            if (!groupFields.contains(e.getKey())) {
                continue;
            }
            String g = GroupValues.groupOf(e.getValue(), axis.groups(), map);
            String to = g == null || cf.mapping() == null ? null : cf.mapping().targetOf(g);
            if (to != null) {
                c = c.withAttribute(e.getKey(), GroupValues.counterpart(e.getValue(), g, to, map));
            } else if (g == null && !e.getValue().isBlank()) {
                unmapped.incrementAndGet();
            }
        }
        if (swapLabels && r.label() != null) {
            Counterfactual l = cf.mapping() != null ? swapper.swap(r.label(), cf.mapping()) : swapper.swap(r.label());
            if (l.changed()) {
                c = c.withLabel(l.text());
            }
        }
        return c;
    }
}
