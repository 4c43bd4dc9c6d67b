package dev.debias.upstream;

import dev.debias.core.InvalidInputException;
import dev.debias.core.SeededShuffle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Iterative nullspace projection of the pooled vector (Ravfogel et al. 2020) until a linear probe
 * cannot tell the axis groups apart: the probes learn from both sides of four fifths of the learning
 * pairs (those whose sides have a group), the stopping rule looks at the other fifth, and
 * {@link InlpProjection} does the work.
 *
 * @param maxIterations the most projection steps; at least 1
 * @param tolerance stop when the probe's dev accuracy is within this of chance; in [0, 1]
 */
public record Inlp(int maxIterations, double tolerance) implements Intervention<Diagnostics.Nullspace> {
    /** The default most projection steps: 35. */
    public static final int MAX_ITERATIONS = 35;
    /** The default tolerance above chance: 0.02. */
    public static final double TOLERANCE = 0.02;

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException when {@code maxIterations} is below 1 or the tolerance is not in [0, 1]
     */
    public Inlp {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("INLP iterations " + maxIterations + " must be >= 1 (default "
                    + MAX_ITERATIONS + ")");
        }
        if (!(tolerance >= 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("INLP tolerance " + tolerance + " must be in [0, 1] (default "
                    + TOLERANCE + ")");
        }
    }

    /** At most 35 projection steps, a tolerance of 0.02. */
    public static Inlp defaults() {
        return new Inlp(MAX_ITERATIONS, TOLERANCE);
    }

    /** This with another most number of projection steps. */
    public Inlp withMaxIterations(int n) {
        return new Inlp(n, tolerance);
    }

    /** This with another tolerance. */
    public Inlp withTolerance(double t) {
        return new Inlp(maxIterations, t);
    }

    @Override
    public UpstreamMethod method() {
        return UpstreamMethod.INLP;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("inlp_iterations", Integer.toString(maxIterations));
        m.put("inlp_tolerance", Double.toString(tolerance));
        return m;
    }

    /**
     * Splits the usable pairs (seeded), embeds both sides, runs INLP and adds its projection.
     *
     * @throws InvalidInputException when fewer than four pairs with groups, or fewer than two groups, are found
     */
    @Override
    public Outcome<Diagnostics.Nullspace> apply(InterventionInput in) {
        List<SentencePair> pairs = new ArrayList<>();
        TreeSet<String> groups = new TreeSet<>();
        for (SentencePair p : in.sample().learn()) {
            if (p.originalGroup() != null && p.counterfactualGroup() != null) {
                pairs.add(p);
                groups.add(p.originalGroup());
                groups.add(p.counterfactualGroup());
            }
        }
        if (groups.size() < 2 || pairs.size() < 4) {
            throw new InvalidInputException(in.corpusName() + ": INLP needs sentences of at least two "
                    + in.axis() + " groups; found " + pairs.size() + " usable pairs of groups " + groups);
        }
        List<String> classes = List.copyOf(groups);
        SeededShuffle.shuffle(pairs, new SplittableRandom(in.seed()));
        int dev = Math.max(1, pairs.size() / 5);
        List<SentencePair> devPairs = pairs.subList(0, dev);
        List<SentencePair> trainPairs = pairs.subList(dev, pairs.size());
        float[][] trainX = stack(in.embed(PairSample.originals(trainPairs), "embedding originals"),
                in.embed(PairSample.counterfactuals(trainPairs), "embedding counterfactuals"));
        float[][] devX = stack(in.encoder().embed(PairSample.originals(devPairs)),
                in.encoder().embed(PairSample.counterfactuals(devPairs)));
        int[] trainY = labels(trainPairs, classes);
        int[] devY = labels(devPairs, classes);
        InlpResult r = InlpProjection.run(trainX, trainY, devX, devY, classes.size(),
                InlpOptions.defaults().withMaxIterations(maxIterations).withTolerance(tolerance));
        in.addProjection(r.projection());
        return new Outcome<>(in.encoder().model().weights(), new Diagnostics.Nullspace(classes, r.iterations(),
                r.majorityRate(), r.reachedChance(), r.rankRemoved(), trainX.length, devX.length));
    }

    /** The group index of every original, then of every counterfactual (the order {@link #stack} puts them in). */
    static int[] labels(List<SentencePair> pairs, List<String> classes) {
        int[] y = new int[pairs.size() * 2];
        for (int i = 0; i < pairs.size(); i++) {
            y[i] = classes.indexOf(pairs.get(i).originalGroup());
            y[pairs.size() + i] = classes.indexOf(pairs.get(i).counterfactualGroup());
        }
        return y;
    }

    /** The rows of {@code a}, then those of {@code c}. */
    static float[][] stack(float[][] a, float[][] c) {
        float[][] out = new float[a.length + c.length][];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(c, 0, out, a.length, c.length);
        return out;
    }
}
