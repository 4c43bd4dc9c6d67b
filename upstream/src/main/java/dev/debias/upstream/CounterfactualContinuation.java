package dev.debias.upstream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Continued training that pulls each sentence's pooled vector toward its counterfactual's, anchored on
 * neutral sentences ({@code counterfactual-continue}); {@link AlignmentTrainer} does the work, on the
 * source model's weights.
 *
 * @param steps optimizer steps, at least 1
 * @param batchSize pairs per step, at least 1
 * @param learningRate AdamW's constant learning rate, above 0
 * @param anchorWeight weight of the neutral anchor, at least 0; 0 trains without neutral sentences
 */
public record CounterfactualContinuation(int steps, int batchSize, double learningRate, double anchorWeight)
        implements Intervention<Diagnostics.Alignment> {
    /** The default optimizer steps: 100. */
    public static final int STEPS = 100;
    /** The default pairs per step: 16. */
    public static final int BATCH_SIZE = 16;
    /** The default learning rate: 2e-5. */
    public static final double LEARNING_RATE = 2e-5;
    /** The default anchor weight: 1. */
    public static final double ANCHOR_WEIGHT = 1.0;

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException when a value is out of range
     */
    public CounterfactualContinuation {
        if (steps < 1 || batchSize < 1 || !(learningRate > 0) || !(anchorWeight >= 0)) {
            throw new IllegalArgumentException("a counterfactual-continue setting is out of range: steps " + steps
                    + " (>= 1), batch " + batchSize + " (>= 1), lr " + learningRate + " (> 0), anchor weight "
                    + anchorWeight + " (>= 0)");
        }
    }

    /** 100 steps of 16 pairs at 2e-5, anchor weight 1. */
    public static CounterfactualContinuation defaults() {
        return new CounterfactualContinuation(STEPS, BATCH_SIZE, LEARNING_RATE, ANCHOR_WEIGHT);
    }

    /** This with another number of steps. */
    public CounterfactualContinuation withSteps(int n) {
        return new CounterfactualContinuation(n, batchSize, learningRate, anchorWeight);
    }

    /** This with another number of pairs per step. */
    public CounterfactualContinuation withBatchSize(int n) {
        return new CounterfactualContinuation(steps, n, learningRate, anchorWeight);
    }

    /** This with another learning rate. */
    public CounterfactualContinuation withLearningRate(double lr) {
        return new CounterfactualContinuation(steps, batchSize, lr, anchorWeight);
    }

    /** This with another anchor weight. */
    public CounterfactualContinuation withAnchorWeight(double w) {
        return new CounterfactualContinuation(steps, batchSize, learningRate, w);
    }

    /** Whether training is anchored, and so needs neutral sentences. */
    public boolean anchored() {
        return anchorWeight > 0;
    }

    @Override
    public UpstreamMethod method() {
        return UpstreamMethod.COUNTERFACTUAL_CONTINUE;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("steps", Integer.toString(steps));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("anchor_weight", Double.toString(anchorWeight));
        return m;
    }

    /**
     * Trains the source model on the learning pairs (and the neutral sentences when anchored). The input's
     * encoder is released first: training builds its own copy of the model.
     */
    @Override
    public Outcome<Diagnostics.Alignment> apply(InterventionInput in) throws IOException {
        in.releaseEncoder();
        List<SentencePair> learn = in.sample().learn();
        AlignmentResult r = AlignmentTrainer.builder().setModel(in.source())
                .setPairs(PairSample.originals(learn), PairSample.counterfactuals(learn))
                .optNeutral(anchored() ? in.sample().neutral() : List.of()).optSteps(steps).optBatchSize(batchSize)
                .optLearningRate(learningRate).optAnchorWeight(anchorWeight).optMaxLength(in.maxLength())
                .optPooling(in.pooling()).optSeed(in.seed()).optProgress(in.progress()).build().run();
        return new Outcome<>(r.weights(), diagnostics(r.steps()));
    }

    /** The first and last step's losses and every tenth (and the last). */
    static Diagnostics.Alignment diagnostics(List<AlignmentStep> steps) {
        List<AlignmentStep> every10 = new ArrayList<>();
        for (AlignmentStep s : steps) {
            if (s.step() % 10 == 0 || s.step() == steps.size()) {
                every10.add(s);
            }
        }
        return new Diagnostics.Alignment(steps.size(), steps.get(0), steps.get(steps.size() - 1), every10);
    }
}
