package dev.debias.augment;

import dev.debias.augment.swap.Counterfactual;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.augment.swap.GroupMapping;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a corpus once, in order, and takes its {@link Census}: each record's label and group and,
 * when asked, the group of its counterfactual copy (only a copy whose text changes is ever written,
 * so a record whose text does not change has none). On an axis of more than two groups the scan also
 * notes, for each other group {@code h}, whether the record's copy toward {@code h} (its own group swapped
 * with {@code h}) changes the text and is detected as {@code h} ({@link Census#copyTargets}).
 */
final class CensusScan {
    private final GroupDetector detector;
    private final CounterfactualSwapper swapper;
    private final RecordRewriter rewriter;
    private final ProgressListener progress;

    /**
     * A scan detecting groups with {@code detector}; with a {@code rewriter}, each grouped record's copy
     * is made with {@code swapper} and its group detected too (null: copy groups are all -1).
     */
    CensusScan(GroupDetector detector, CounterfactualSwapper swapper, RecordRewriter rewriter, ProgressListener progress) {
        this.detector = detector;
        this.swapper = swapper;
        this.rewriter = rewriter;
        this.progress = progress;
    }

    /** The census of {@code input}, its labels sorted as the rates sort them; progress is reported as {@code task}. */
    Census read(Path input, ReadOptions read, List<String> groups, String task) {
        Map<String, Integer> seen = new HashMap<>();
        IntList labelOf = new IntList();
        IntList groupOf = new IntList();
        IntList copyGroupOf = new IntList();
        IntList copyTargets = new IntList();
        if (groups.size() > 31) {
            throw new IllegalArgumentException("an axis of at most 31 groups, got " + groups.size());
        }
        try (RecordReader reader = CorpusReaders.open(input, read)) {
            progress.start(task, reader.bytesTotal(), "bytes");
            long last = 0;
            while (reader.hasNext()) {
                Record r = reader.next();
                labelOf.add(r.label() == null ? -1 : seen.computeIfAbsent(r.label(), l -> seen.size()));
                int g = detector.group(r);
                groupOf.add(g);
                if (rewriter != null && g >= 0) {
                    Counterfactual cf = swapper.swap(r.text());
                    copyGroupOf.add(cf.changed()
                            ? detector.group(rewriter.counterfactual(r, cf, "x", Transforms.COUNTERFACTUAL)) : -1);
                } else {
                    copyGroupOf.add(-1);
                }
                copyTargets.add(rewriter != null && g >= 0 && groups.size() > 2 ? copyTargets(r, g, groups) : 0);
                if ((labelOf.size & 255) == 0) {
                    progress.advance(reader.bytesRead() - last);
                    last = reader.bytesRead();
                }
            }
            progress.finish();
        }
        // labels numbered as first seen, then renumbered in sorted order
        List<String> labels = new ArrayList<>(new TreeSet<>(seen.keySet()));
        int[] sorted = new int[seen.size()];
        seen.forEach((label, i) -> sorted[i] = Collections.binarySearch(labels, label));
        int[] labelIndexes = labelOf.toArray();
        for (int i = 0; i < labelIndexes.length; i++) {
            labelIndexes[i] = labelIndexes[i] < 0 ? -1 : sorted[labelIndexes[i]];
        }
        return Census.of(groups, labels, labelIndexes, groupOf.toArray(), copyGroupOf.toArray(),
                copyTargets.toArray());
    }

    /** The bit set of the groups {@code h} whose copy of {@code r} (group {@code g} swapped with {@code h}) is of {@code h}. */
    private int copyTargets(Record r, int g, List<String> groups) {
        int bits = 0;
        for (int h = 0; h < groups.size(); h++) {
            if (h != g) {
                Counterfactual cf = swapper.swap(r.text(), GroupMapping.pair(groups.get(g), groups.get(h)));
                if (cf.changed() && detector.group(rewriter.counterfactual(r, cf, "x", Transforms.COUNTERFACTUAL)) == h) {
                    bits |= 1 << h;
                }
            }
        }
        return bits;
    }

    /** A growable int array. */
    private static final class IntList {
        int[] data = new int[1024];
        int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
