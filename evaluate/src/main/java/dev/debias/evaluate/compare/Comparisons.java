package dev.debias.evaluate.compare;

import dev.debias.stats.Estimate;
import dev.debias.core.InvalidInputException;
import dev.debias.evaluate.Evaluation;
import dev.debias.evaluate.group.Gap;
import dev.debias.evaluate.group.GroupFairnessResult;
import dev.debias.evaluate.intrinsic.SeatResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;

/** Builds a {@link Comparison} from evaluations. */
public final class Comparisons {
    /** The gaps taken from each evaluation's grouping, in column order. */
    static final List<String> GAPS = List.of(Gap.DEMOGRAPHIC_PARITY, Gap.EQUAL_OPPORTUNITY, Gap.EQUALIZED_ODDS, Gap.GAP_RMS);
    /** The design key that varies within a design summary. */
    public static final String SEED = "seed";

    private Comparisons() {}

    /**
     * Compares evaluations.
     *
     * @param names one name per evaluation (e.g. its directory name)
     * @param evaluations the evaluations, in the order to show them
     * @param grouping the grouping whose gaps to compare, or null for each evaluation's first
     * @throws InvalidInputException when an evaluation lacks the grouping, or names repeat
     */
    public static Comparison of(List<String> names, List<Evaluation> evaluations, String grouping) {
        if (names.size() != evaluations.size() || evaluations.isEmpty()) {
            throw new IllegalArgumentException("one name per evaluation, at least one");
        }
        if (new LinkedHashSet<>(names).size() != names.size()) {
            throw new InvalidInputException("run names repeat: " + names + "; give runs distinct directories");
        }
        List<RunSummary> runs = new ArrayList<>();
        LinkedHashSet<String> measures = new LinkedHashSet<>();
        measures.add(Comparison.ACCURACY);
        String used = grouping;
        for (int i = 0; i < evaluations.size(); i++) {
            Evaluation e = evaluations.get(i);
            GroupFairnessResult r = pick(e, grouping, names.get(i));
            if (r != null && used == null) {
                used = r.grouping();
            }
            Map<String, Estimate> m = measures(e, r);
            measures.addAll(m.keySet());
            runs.add(new RunSummary(names.get(i), e.design(), m));
        }
        List<String> order = new ArrayList<>(measures);
        return new Comparison(Comparison.SCHEMA, used, order, runs, designs(runs, order), agreement(runs, order));
    }

    /**
     * The measures of one evaluation: accuracy and the headline gaps of {@code grouping} (the only grouping
     * when null), the flip rate, and each SEAT effect, in that order.
     *
     * @throws InvalidInputException when the evaluation has no such grouping
     */
    public static Map<String, Estimate> measures(Evaluation e, String grouping) {
        return measures(e, pick(e, grouping, e.model() == null ? "the evaluation" : e.model()));
    }

    private static Map<String, Estimate> measures(Evaluation e, GroupFairnessResult r) {
        Map<String, Estimate> m = new LinkedHashMap<>();
        if (r != null) {
            m.put(Comparison.ACCURACY, r.overall().accuracy());
            for (String gap : GAPS) {
                r.gap(gap).ifPresent(g -> m.put(gap, g.value()));
            }
        }
        if (e.counterfactual() != null) {
            m.put(Comparison.FLIP_RATE, e.counterfactual().overall().flipRate());
        }
        for (SeatResult s : e.intrinsic()) {
            m.put(Comparison.SEAT + s.test(), s.weat().effectSize() == null ? Estimate.undefined(s.weat().undefined())
                    : new Estimate(s.weat().effectSize(), null, null, null));
        }
        return m;
    }

    /**
     * What each of {@link #measures}' prediction measures reads for a classifier that guesses, for the same
     * grouping: the mean of its {@linkplain dev.debias.evaluate.group.ChanceLevel chance level} (accuracy and
     * the headline gaps) and the counterfactual {@linkplain
     * dev.debias.evaluate.counterfactual.FlipStatistics#chanceFlipRate chance flip rate}. A measure without a
     * chance level (SEAT, a result written before chance levels existed) is absent.
     */
    public static Map<String, Double> chanceLevels(Evaluation e, String grouping) {
        Map<String, Double> m = new LinkedHashMap<>();
        GroupFairnessResult r = pick(e, grouping, e.model() == null ? "the evaluation" : e.model());
        if (r != null && r.chance() != null) {
            Estimate a = r.chance().measures().get(Comparison.ACCURACY);
            if (a != null && a.isDefined()) {
                m.put(Comparison.ACCURACY, a.value());
            }
            for (String gap : GAPS) {
                Estimate g = r.chance().measures().get(gap);
                if (g != null && g.isDefined()) {
                    m.put(gap, g.value());
                }
            }
        }
        if (e.counterfactual() != null && e.counterfactual().overall().chanceFlipRate() != null) {
            m.put(Comparison.FLIP_RATE, e.counterfactual().overall().chanceFlipRate());
        }
        return m;
    }

    /**
     * Kendall's tau-b between each measure and accuracy over the runs where both are defined, in the order
     * of {@code measures} (accuracy itself left out); each with the measure first. A positive tau for a bias
     * measure says it reads lower, fairer, on the less accurate runs.
     */
    public static List<MeasureAgreement> withAccuracy(List<RunSummary> runs, List<String> measures) {
        List<MeasureAgreement> out = new ArrayList<>();
        for (String m : measures) {
            if (m.equals(Comparison.ACCURACY)) {
                continue;
            }
            List<double[]> pairs = new ArrayList<>();
            for (RunSummary r : runs) {
                Estimate a = r.measures().get(m);
                Estimate b = r.measures().get(Comparison.ACCURACY);
                if (a != null && b != null && a.isDefined() && b.isDefined()) {
                    pairs.add(new double[] {a.value(), b.value()});
                }
            }
            out.add(kendall(m, Comparison.ACCURACY, pairs));
        }
        return out;
    }

    private static GroupFairnessResult pick(Evaluation e, String grouping, String name) {
        if (e.groupFairness().isEmpty()) {
            return null;
        }
        if (grouping == null) {
            return e.groupFairness().get(0);
        }
        return e.groupFairness().stream().filter(r -> r.grouping().equals(grouping)).findFirst()
                .orElseThrow(() -> new InvalidInputException(name + " has no grouping '" + grouping + "'; it has "
                        + e.groupFairness().stream().map(GroupFairnessResult::grouping).toList()));
    }

    private static List<DesignSummary> designs(List<RunSummary> runs, List<String> measures) {
        Map<Map<String, String>, List<RunSummary>> byDesign = new LinkedHashMap<>();
        for (RunSummary r : runs) {
            Map<String, String> d = new TreeMap<>(r.design());
            d.remove(SEED);
            byDesign.computeIfAbsent(d, x -> new ArrayList<>()).add(r);
        }
        List<DesignSummary> out = new ArrayList<>();
        byDesign.forEach((design, members) -> {
            Map<String, Estimate> pooled = new LinkedHashMap<>();
            for (String m : measures) {
                double[] v = members.stream().map(r -> r.measures().get(m)).filter(e -> e != null && e.isDefined())
                        .mapToDouble(Estimate::value).toArray();
                pooled.put(m, mean(v, members.size()));
            }
            out.add(new DesignSummary(design, members.stream().map(RunSummary::name).toList(),
                    members.stream().map(r -> r.design().getOrDefault(SEED, "?")).toList(), pooled));
        });
        return out;
    }

    /** The mean with a 95% Student-t interval; undefined without values, no interval with one. */
    static Estimate mean(double[] v, int runs) {
        if (v.length == 0) {
            return Estimate.undefined("undefined in all " + runs + " runs");
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        if (v.length == 1) {
            return new Estimate(mean, null, null, "one run: no interval across seeds");
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double se = Math.sqrt(ss / (v.length - 1) / v.length);
        double t = new TDistribution(v.length - 1).inverseCumulativeProbability(0.975);
        String note = v.length < runs ? String.format(Locale.ROOT, "over the %d of %d runs that define it", v.length, runs)
                : null;
        return new Estimate(mean, mean - t * se, mean + t * se, note);
    }

    /**
     * Kendall's tau-b between every pair of bias measures of {@code measures} (all but accuracy) over the
     * runs where both are defined.
     */
    public static List<MeasureAgreement> agreement(List<RunSummary> runs, List<String> measures) {
        List<String> bias = measures.stream().filter(m -> !m.equals(Comparison.ACCURACY)).toList();
        List<MeasureAgreement> out = new ArrayList<>();
        for (int i = 0; i < bias.size(); i++) {
            for (int j = i + 1; j < bias.size(); j++) {
                List<double[]> pairs = new ArrayList<>();
                for (RunSummary r : runs) {
                    Estimate a = r.measures().get(bias.get(i));
                    Estimate b = r.measures().get(bias.get(j));
                    if (a != null && b != null && a.isDefined() && b.isDefined()) {
                        pairs.add(new double[] {a.value(), b.value()});
                    }
                }
                out.add(kendall(bias.get(i), bias.get(j), pairs));
            }
        }
        return out;
    }

    /** Kendall's tau-b of paired values. */
    static MeasureAgreement kendall(String first, String second, List<double[]> pairs) {
        int n = pairs.size();
        if (n < 2) {
            return new MeasureAgreement(first, second, null, n, "needs at least 2 runs where both are defined");
        }
        double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
        double tau = new KendallsCorrelation().correlation(x, y);
        if (Double.isNaN(tau)) {
            return new MeasureAgreement(first, second, null, n, "one measure is the same for every run");
        }
        return new MeasureAgreement(first, second, tau, n, null);
    }
}
