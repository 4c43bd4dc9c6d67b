package dev.debias.evaluate.counterfactual;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * The per-record outcomes of a counterfactual test, one per tested record (a record that had a term to swap),
 * in input order: the record's id (or, without one, its 0-based ordinal in the input), whether the prediction
 * flipped, the signed change in the probability of the original prediction (counterfactual minus original) and
 * the group of the original's terms. Held in arrays, not an object per record. Immutable.
 */
public final class CounterfactualOutcomes {
    private final String[] ids;
    private final long[] ordinals;
    private final BitSet flipped;
    private final float[] changes;
    private final short[] groups;
    private final List<String> groupNames;

    private CounterfactualOutcomes(String[] ids, long[] ordinals, BitSet flipped, float[] changes, short[] groups,
            List<String> groupNames) {
        this.ids = ids;
        this.ordinals = ordinals;
        this.flipped = flipped;
        this.changes = changes;
        this.groups = groups;
        this.groupNames = List.copyOf(groupNames);
    }

    /** Records tested. */
    public int size() {
        return changes.length;
    }

    /** The record's id, or null when the input has none. */
    public String id(int i) {
        return ids[i];
    }

    /** The record's 0-based ordinal among the input records read. */
    public long ordinal(int i) {
        return ordinals[i];
    }

    /** The key that names the record across runs: its id, else {@code #} and its ordinal. */
    public String key(int i) {
        return ids[i] != null ? ids[i] : "#" + ordinals[i];
    }

    /** Whether the predicted label changed. */
    public boolean flipped(int i) {
        return flipped.get(i);
    }

    /** The probability of the original prediction on the counterfactual minus that on the original. */
    public double change(int i) {
        return changes[i];
    }

    /** The group of the original's terms (as in {@link FlipStatistics#group()}). */
    public String group(int i) {
        return groupNames.get(groups[i]);
    }

    /** From outcomes already known (tests, files read back); the arrays are copied. */
    public static CounterfactualOutcomes of(List<String> ids, long[] ordinals, boolean[] flipped, double[] changes,
            List<String> groups) {
        Builder b = new Builder();
        for (int i = 0; i < changes.length; i++) {
            b.add(ids.get(i), ordinals[i], flipped[i], changes[i], groups.get(i));
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CounterfactualOutcomes x && Arrays.equals(ids, x.ids) && Arrays.equals(ordinals, x.ordinals)
                && flipped.equals(x.flipped) && Arrays.equals(changes, x.changes) && size() == x.size()
                && groupList().equals(x.groupList());
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(ids), Arrays.hashCode(changes), flipped);
    }

    private List<String> groupList() {
        List<String> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(group(i));
        }
        return out;
    }

    /** Collects outcomes one record at a time, growing its arrays by doubling. */
    static final class Builder {
        private String[] ids = new String[64];
        private long[] ordinals = new long[64];
        private final BitSet flipped = new BitSet();
        private float[] changes = new float[64];
        private short[] groups = new short[64];
        private final List<String> groupNames = new ArrayList<>();
        private int n;

        void add(String id, long ordinal, boolean flip, double change, String group) {
            if (n == changes.length) {
                int cap = n * 2;
                ids = Arrays.copyOf(ids, cap);
                ordinals = Arrays.copyOf(ordinals, cap);
                changes = Arrays.copyOf(changes, cap);
                groups = Arrays.copyOf(groups, cap);
            }
            int g = groupNames.indexOf(group);
            if (g < 0) {
                groupNames.add(group);
                g = groupNames.size() - 1;
            }
            ids[n] = id;
            ordinals[n] = ordinal;
            flipped.set(n, flip);
            changes[n] = (float) change;
            groups[n] = (short) g;
            n++;
        }

        CounterfactualOutcomes build() {
            return new CounterfactualOutcomes(Arrays.copyOf(ids, n), Arrays.copyOf(ordinals, n), (BitSet) flipped.clone(),
                    Arrays.copyOf(changes, n), Arrays.copyOf(groups, n), groupNames);
        }
    }
}
