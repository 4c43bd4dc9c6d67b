package dev.debias.evaluate.paired;

import dev.debias.evaluate.counterfactual.CounterfactualFile;
import dev.debias.evaluate.counterfactual.CounterfactualOutcomes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One run's counterfactual outcomes, ready for a paired resample ({@link PairedFlips}): the tested records' keys
 * in order (their ids, else {@code #} and their 0-based ordinal) and the outcomes. Immutable.
 *
 * @param name the run's name
 * @param outcomes the run's per-record outcomes, as in {@code counterfactual.jsonl}
 */
public record FlipRecords(String name, CounterfactualOutcomes outcomes) {
    public FlipRecords {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcomes, "outcomes");
    }

    /** Reads {@code counterfactual.jsonl}; see {@link CounterfactualFile#read}. */
    public static FlipRecords read(String name, Path file) throws IOException {
        return new FlipRecords(name, CounterfactualFile.read(file));
    }

    /** The records' keys, in order. */
    public List<String> keys() {
        List<String> out = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            out.add(outcomes.key(i));
        }
        return out;
    }

    /**
     * Why {@code runs} do not hold the same tested records in the same order (different counts, or the first
     * record whose key differs, named), or null when they do.
     */
    public static String notShared(List<FlipRecords> runs) {
        return RunRecords.notShared(runs.stream().map(FlipRecords::name).toList(),
                runs.stream().map(FlipRecords::keys).toList());
    }

    /** The flip rate and the mean absolute change over the records {@code idx} (indices, repeats counted). */
    double[] on(int[] idx) {
        if (idx.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        long flips = 0;
        double change = 0;
        for (int i : idx) {
            flips += outcomes.flipped(i) ? 1 : 0;
            change += Math.abs(outcomes.change(i));
        }
        return new double[] {(double) flips / idx.length, change / idx.length};
    }

    /** {@link #on} over every record. */
    double[] point() {
        int[] all = new int[outcomes.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return on(all);
    }
}
