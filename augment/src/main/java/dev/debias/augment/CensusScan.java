package dev.debias.augment;

import dev.debias.augment.swap.Counterfactual;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a corpus once, in order, and takes its {@link Census}: each record's label and group and,
 * when asked, the group of its counterfactual copy (only a copy whose text changes is ever written,
 * so a record whose text does not change has none).
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

    /** The census of {@code input}, whose labels are indexed in {@code labels}; progress is reported as {@code task}. */
    Census read(Path input, ReadOptions read, List<String> groups, List<String> labels, String task) {
        IntList labelOf = new IntList();
        IntList groupOf = new IntList();
        IntList copyGroupOf = new IntList();
        try (RecordReader reader = CorpusReaders.open(input, read)) {
            progress.start(task, reader.bytesTotal(), "bytes");
            long last = 0;
            while (reader.hasNext()) {
                Record r = reader.next();
                labelOf.add(labels.indexOf(r.label()));
                int g = detector.group(r);
                groupOf.add(g);
                if (rewriter != null && g >= 0) {
                    Counterfactual cf = swapper.swap(r.text());
                    copyGroupOf.add(cf.changed()
                            ? detector.group(rewriter.counterfactual(r, cf, "x", Transforms.COUNTERFACTUAL)) : -1);
                } else {
                    copyGroupOf.add(-1);
                }
                if ((labelOf.size & 255) == 0) {
                    progress.advance(reader.bytesRead() - last);
                    last = reader.bytesRead();
                }
            }
            progress.finish();
        }
        return Census.of(groups, labels, labelOf.toArray(), groupOf.toArray(), copyGroupOf.toArray());
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
