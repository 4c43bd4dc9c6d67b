package dev.debias.evaluate.group;

import dev.debias.corpus.GroupValueMap;
import dev.debias.corpus.Record;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Per class, the share of one group among the class's training examples (De-Arteaga et al.'s "% female"). */
public final class TrainShares {
    private TrainShares() {}

    /**
     * Reads labelled records once and returns, for each label, the records of {@code group} (by the
     * value of {@code groupField}) over all records with that label.
     *
     * @throws IllegalArgumentException when a record has no label or lacks the group field
     */
    public static Map<String, Double> of(Iterator<Record> records, String groupField, String group) {
        return of(records, groupField, group, GroupValueMap.NONE);
    }

    /**
     * As {@link #of(Iterator, String, String)}, a value being of {@code group} when it is {@code group} as
     * written or when {@code map} maps it to {@code group} (as {@link PredictionSet#withGroupValues} reads it).
     */
    public static Map<String, Double> of(Iterator<Record> records, String groupField, String group, GroupValueMap map) {
        Map<String, long[]> counts = new TreeMap<>();
        while (records.hasNext()) {
            Record r = records.next();
            String label = r.optLabel().orElseThrow(() -> new IllegalArgumentException(
                    "training record " + r.id() + " has no label"));
            String value = r.attribute(groupField).orElseThrow(() -> new IllegalArgumentException(
                    "training record " + r.id() + " has no field '" + groupField + "'"));
            long[] c = counts.computeIfAbsent(label, x -> new long[2]);
            c[1]++;
            String mapped = map.mapped(value);
            if ((mapped == null ? value : mapped).equals(group)) {
                c[0]++;
            }
        }
        Map<String, Double> shares = new TreeMap<>();
        counts.forEach((label, c) -> shares.put(label, (double) c[0] / c[1]));
        return shares;
    }
}
