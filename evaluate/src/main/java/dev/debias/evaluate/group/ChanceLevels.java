package dev.debias.evaluate.group;

import dev.debias.stats.Estimate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Computes a {@link ChanceLevel}: the same {@link MetricSheet} a {@link GroupFairness} evaluation runs,
 * on the records with their predictions permuted uniformly at random (Fisher-Yates, seeded), each measure
 * computed exactly as its point value is (a max-minus-min gap is the max minus min of the shuffled records,
 * not a fixed pair). Under such a shuffle a record's prediction is any of the predictions with equal
 * probability, so the expected accuracy is the sum over classes of the label share times the prediction
 * share, and a selection rate's expectation is the same in every group (its gap's expectation is the
 * noise floor of a max minus min, not zero).
 */
final class ChanceLevels {
    private ChanceLevels() {}

    /**
     * The chance level of the headline measures.
     *
     * @param members each group's records as cell codes {@code label * k + prediction}
     * @param k the number of classes
     */
    static ChanceLevel of(MetricSheet sheet, int[][] members, int k, int permutations, long seed) {
        SheetLayout layout = sheet.layout();
        int overall = members.length;
        Map<String, Integer> slots = new LinkedHashMap<>();
        slots.put(ResampledMeasures.ACCURACY, layout.scope(overall, SheetLayout.ACCURACY));
        slots.put(ResampledMeasures.MACRO_F1, layout.scope(overall, SheetLayout.MACRO_F1));
        slots.put(Gap.DEMOGRAPHIC_PARITY, layout.gap(SheetLayout.DP));
        slots.put(Gap.DISPARATE_IMPACT, layout.gap(SheetLayout.DI));
        slots.put(Gap.EQUAL_OPPORTUNITY, layout.gap(SheetLayout.EO));
        slots.put(Gap.EQUALIZED_ODDS, layout.gap(SheetLayout.EODDS));
        slots.put(Gap.GAP_RMS, layout.gapRms());
        int n = 0;
        for (int[] m : members) {
            n += m.length;
        }
        int[] predictions = new int[n];
        int at = 0;
        for (int[] m : members) {
            for (int cell : m) {
                predictions[at++] = cell % k;
            }
        }
        double[][] values = new double[slots.size()][permutations];
        double[] row = new double[layout.slots()];
        SheetDetail detail = new SheetDetail(layout.slots());
        SplittableRandom random = new SplittableRandom(seed);
        for (int p = 0; p < permutations; p++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = predictions[i];
                predictions[i] = predictions[j];
                predictions[j] = t;
            }
            long[][][] cm = new long[members.length][k][k];
            at = 0;
            for (int g = 0; g < members.length; g++) {
                for (int cell : members[g]) {
                    cm[g][cell / k][predictions[at++]]++;
                }
            }
            Arrays.fill(row, Double.NaN);
            sheet.compute(cm, row, detail);
            int s = 0;
            for (int slot : slots.values()) {
                values[s++][p] = row[slot];
            }
        }
        Map<String, Estimate> out = new LinkedHashMap<>();
        int s = 0;
        for (String name : slots.keySet()) {
            out.put(name, summary(values[s++]));
        }
        return new ChanceLevel(permutations, seed, out);
    }

    /** The mean and the 2.5th and 97.5th percentiles of the defined values (nearest rank). */
    static Estimate summary(double[] values) {
        double[] defined = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (defined.length == 0) {
            return Estimate.undefined("undefined in every shuffle of the predictions");
        }
        double mean = Arrays.stream(defined).average().orElseThrow();
        double low = defined[(int) Math.floor(0.025 * (defined.length - 1))];
        double high = defined[(int) Math.ceil(0.975 * (defined.length - 1))];
        return new Estimate(mean, low, high, null);
    }
}
