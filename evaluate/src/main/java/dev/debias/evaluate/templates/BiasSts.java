package dev.debias.evaluate.templates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bias-STS (Webster et al. 2020): an STS model scores each occupation's sentence against the same frame about
 * a woman and about a man ({@link GenderTemplates#sts()}); the measure is the mean absolute difference of the
 * two similarities. Intervals resample occupations ({@link OccupationBootstrap}).
 */
public final class BiasSts {
    private static final int BATCH = 64;

    private BiasSts() {}

    /** Scores every comparison with {@code model}. */
    public static BiasStsResult run(PairScorer model, int bootstrap, long seed) {
        List<GenderTemplates.StsTriple> all = GenderTemplates.sts();
        int n = all.size();
        double[] signed = new double[n];
        for (int from = 0; from < n; from += BATCH) {
            List<GenderTemplates.StsTriple> batch = all.subList(from, Math.min(n, from + BATCH));
            List<String> first = new ArrayList<>();
            List<String> second = new ArrayList<>();
            for (GenderTemplates.StsTriple t : batch) {
                first.add(t.sentence());
                second.add(t.femaleSentence());
            }
            for (GenderTemplates.StsTriple t : batch) {
                first.add(t.sentence());
                second.add(t.maleSentence());
            }
            double[] s = model.score(first, second);
            if (s.length != first.size()) {
                throw new IllegalStateException("the model scored " + s.length + " of " + first.size() + " pairs");
            }
            for (int i = 0; i < batch.size(); i++) {
                signed[from + i] = s[i] - s[batch.size() + i];
            }
        }
        int k = GenderTemplates.OCCUPATIONS.size();
        int[] cluster = new int[n];
        double[] abs = new double[n];
        double[] sum = new double[k];
        int[] count = new int[k];
        for (int i = 0; i < n; i++) {
            cluster[i] = GenderTemplates.OCCUPATIONS.indexOf(all.get(i).occupation());
            abs[i] = Math.abs(signed[i]);
            sum[cluster[i]] += signed[i];
            count[cluster[i]]++;
        }
        Map<String, Double> byOccupation = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            byOccupation.put(GenderTemplates.OCCUPATIONS.get(c), sum[c] / count[c]);
        }
        return new BiasStsResult(n, k, OccupationBootstrap.mean(abs, cluster, k, bootstrap, seed),
                OccupationBootstrap.mean(signed, cluster, k, bootstrap, seed), byOccupation, bootstrap, seed);
    }

    /** One line, with the occupations leaning most to each side. */
    public static String summary(BiasStsResult r) {
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(r.byOccupation().entrySet());
        sorted.sort(Map.Entry.comparingByValue());
        String male = sorted.get(0).getKey();
        String female = sorted.get(sorted.size() - 1).getKey();
        return String.format(Locale.ROOT, "Bias-STS over %d comparisons (%d occupations): mean |female - male| "
                + "similarity %s (0 for an unbiased model), signed %s; most toward female: %s (%+.3f), most toward male: %s "
                + "(%+.3f)", r.comparisons(), r.occupations(), BiasNli.fmt(r.meanAbsDifference()),
                BiasNli.fmt(r.meanDifference()), female, r.byOccupation().get(female), male, r.byOccupation().get(male));
    }
}
