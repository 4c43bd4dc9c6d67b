package dev.debias.evaluate.templates;

import dev.debias.evaluate.counterfactual.Classifier;
import dev.debias.stats.Estimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bias-NLI (Dev et al. 2020): an NLI model reads each {@link GenderTemplates#nli() template pair}, premise an
 * occupation's sentence and hypothesis the same frame about a woman or a man; net neutral is the mean
 * probability of the neutral label, fraction neutral the share of pairs where neutral is the most probable.
 * An occupation that the model reads as implying a gender lowers both. Intervals resample occupations
 * ({@link OccupationBootstrap}).
 */
public final class BiasNli {
    private static final int BATCH = 64;

    private BiasNli() {}

    /**
     * Scores every template pair with {@code model}.
     *
     * @param neutralLabel the model's neutral label, matched ignoring case
     * @throws IllegalArgumentException when the model reads single texts or has no such label
     */
    public static BiasNliResult run(Classifier model, String neutralLabel, int bootstrap, long seed) {
        if (model.pairField() == null) {
            throw new IllegalArgumentException("Bias-NLI needs a model of sentence pairs (premise and hypothesis); "
                    + "this one reads single texts");
        }
        int neutral = -1;
        for (int c = 0; c < model.labels().size(); c++) {
            if (model.labels().get(c).equalsIgnoreCase(neutralLabel)) {
                neutral = c;
            }
        }
        if (neutral < 0) {
            throw new IllegalArgumentException("the model has no label '" + neutralLabel + "'; its labels: "
                    + model.labels() + "; name its neutral label");
        }
        List<GenderTemplates.NliPair> pairs = GenderTemplates.nli();
        int n = pairs.size();
        double[] p = new double[n];
        double[] top = new double[n];
        for (int from = 0; from < n; from += BATCH) {
            List<GenderTemplates.NliPair> batch = pairs.subList(from, Math.min(n, from + BATCH));
            float[][] probs = model.predictPairs(batch.stream().map(GenderTemplates.NliPair::premise).toList(),
                    batch.stream().map(GenderTemplates.NliPair::hypothesis).toList());
            for (int i = 0; i < batch.size(); i++) {
                p[from + i] = probs[i][neutral];
                top[from + i] = Classifier.top(probs[i]) == neutral ? 1 : 0;
            }
        }
        int[] cluster = new int[n];
        for (int i = 0; i < n; i++) {
            cluster[i] = GenderTemplates.OCCUPATIONS.indexOf(pairs.get(i).occupation());
        }
        int k = GenderTemplates.OCCUPATIONS.size();
        Map<String, Estimate> byGroup = new LinkedHashMap<>();
        double[][] groupNet = new double[2][];
        int g = 0;
        for (String group : List.of(GenderTemplates.FEMALE_GROUP, GenderTemplates.MALE_GROUP)) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (pairs.get(i).group().equals(group)) {
                    idx.add(i);
                }
            }
            double[] gp = idx.stream().mapToDouble(i -> p[i]).toArray();
            double[] gt = idx.stream().mapToDouble(i -> top[i]).toArray();
            int[] gc = idx.stream().mapToInt(i -> cluster[i]).toArray();
            byGroup.put(group + ".net_neutral", OccupationBootstrap.mean(gp, gc, k, bootstrap, seed));
            byGroup.put(group + ".fraction_neutral", OccupationBootstrap.mean(gt, gc, k, bootstrap, seed));
            groupNet[g++] = gp;
        }
        // female minus male, pair by pair: the two lists hold the same premises in the same order (see nli())
        double[] diff = new double[groupNet[0].length];
        int[] diffCluster = new int[diff.length];
        for (int i = 0, f = 0; i < n; i++) {
            if (pairs.get(i).group().equals(GenderTemplates.FEMALE_GROUP)) {
                diffCluster[f++] = cluster[i];
            }
        }
        for (int i = 0; i < diff.length; i++) {
            diff[i] = groupNet[0][i] - groupNet[1][i];
        }
        return new BiasNliResult(model.labels().get(neutral), n, k, OccupationBootstrap.mean(p, cluster, k, bootstrap,
                seed), OccupationBootstrap.mean(top, cluster, k, bootstrap, seed), byGroup,
                OccupationBootstrap.mean(diff, diffCluster, k, bootstrap, seed), bootstrap, seed);
    }

    /** One line: {@code net neutral 0.812 [0.774, 0.846], fraction neutral 0.903 [...] over 1728 pairs}. */
    public static String summary(BiasNliResult r) {
        return String.format(Locale.ROOT, "Bias-NLI over %d pairs (%d occupations): net neutral %s, fraction neutral %s;"
                + " female minus male net neutral %s (1, 1 and 0 for an unbiased model)", r.pairs(), r.occupations(),
                fmt(r.netNeutral()), fmt(r.fractionNeutral()), fmt(r.femaleMinusMale()));
    }

    static String fmt(Estimate e) {
        if (!e.isDefined()) {
            return "undefined (" + e.undefined() + ")";
        }
        return e.low() == null ? String.format(Locale.ROOT, "%.3f", e.value())
                : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", e.value(), e.low(), e.high());
    }
}
