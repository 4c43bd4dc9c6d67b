package dev.debias.evaluate.paired;

import dev.debias.evaluate.group.PredictionSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulated binary classifiers predicting on one shared set of test records, with errors correlated between
 * them and known population truth. Record i has a group (f or m, 1/2 each), a label (1 or 0, 1/2 each) and a
 * difficulty u_i uniform on (0, 1); a model is right on record i when its own draw is below its probability of
 * being right for the record's label and group, and its draw is u_i with probability {@code shared}, else a
 * fresh uniform, so models err on the same records. A seed shifts every probability of a run by its own amount.
 * Not a test class itself.
 */
final class SimulatedModels {
    /** Probability of being right: {TPR for f, TPR for m, TNR for both}. */
    record Model(double tprF, double tprM, double tnr) {
        /** Population accuracy: half the records negative, the positives half f and half m. */
        double accuracy() {
            return 0.5 * tnr + 0.25 * (tprF + tprM);
        }

        /** Population equal-opportunity difference (max minus min TPR of class 1 over the groups). */
        double eo() {
            return Math.abs(tprF - tprM);
        }
    }

    private final int[] group;
    private final int[] label;
    private final double[] u;
    private final SplittableRandom random;
    private final double shared;

    /** {@code n} records drawn from {@code random}; {@code shared} is the chance two models share a draw. */
    SimulatedModels(int n, double shared, SplittableRandom random) {
        this.random = random;
        this.shared = shared;
        group = new int[n];
        label = new int[n];
        u = new double[n];
        for (int i = 0; i < n; i++) {
            group[i] = random.nextInt(2);
            label[i] = random.nextInt(2);
            u[i] = random.nextDouble();
        }
    }

    /** The record ids, r1 ... rn. */
    List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < label.length; i++) {
            ids.add("r" + (i + 1));
        }
        return ids;
    }

    /** One run of {@code m} whose probabilities are all shifted by {@code seedShift}. */
    PredictionSet run(Model m, double seedShift) {
        List<String> labels = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < label.length; i++) {
            double p = (label[i] == 0 ? m.tnr() : group[i] == 0 ? m.tprF() : m.tprM()) + seedShift;
            double draw = random.nextDouble() < shared ? u[i] : random.nextDouble();
            boolean right = draw < p;
            labels.add(Integer.toString(label[i]));
            predicted.add(Integer.toString(right ? label[i] : 1 - label[i]));
            groups.add(group[i] == 0 ? "f" : "m");
        }
        return PredictionSet.of(labels, predicted, Map.of("gender", groups), List.of("0", "1"));
    }

    /** {@link #run} as {@link RunRecords} with positive label 1 and gap groups f, m. */
    RunRecords records(String name, Model m, double seedShift) {
        PredictionSet set = run(m, seedShift);
        return new RunRecords(name, ids(), dev.debias.evaluate.group.ResampledMeasures.builder().setPredictions(set)
                .setGrouping(set.grouping("gender")).optPositiveLabel("1").optGapGroups(List.of("f", "m")).build());
    }
}
