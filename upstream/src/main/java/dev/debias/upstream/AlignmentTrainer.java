package dev.debias.upstream;

import dev.debias.finetune.train.AdamW;
import dev.debias.finetune.train.Batches;
import dev.debias.finetune.train.Example;
import dev.debias.finetune.train.FineTuner;
import dev.debias.finetune.train.InferenceSession;
import dev.debias.finetune.train.TextEncoder;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.debias.core.ProgressListener;
import dev.debias.core.SeededShuffle;
import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.Backward;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.Scalars;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Continued training of a pre-trained encoder on counterfactual pairs: each step pulls the pooled
 * vector of a text toward its counterfactual's ({@code alignment = mean(1 - cos(f(x), f(x')))}) while
 * an anchor keeps the vectors of neutral texts where the original model put them
 * ({@code anchor = mean ||f(n) - f0(n)||² / mean ||f0(n)||²}); the loss is
 * {@code alignment + anchorWeight * anchor}, minimised with AdamW at a constant learning rate, without
 * dropout. Batches cycle through seeded shuffles of the pairs and of the neutral texts, so the same
 * seed gives the same weights (on CPU). The model's edits (projection, masks) stay in place, and a
 * magnitude-pruned model ({@link BertClassifier#weightSparsity()} > 0) stays pruned: its zero linear
 * weights are kept at zero, as in fine-tuning.
 *
 * <pre>{@code
 * AlignmentResult r = AlignmentTrainer.builder().setModel(PretrainedModel.load("builtin:minilm"))
 *         .setPairs(originals, counterfactuals).optNeutral(neutral).optSteps(100).build().run();
 * }</pre>
 */
public final class AlignmentTrainer {
    private final PretrainedModel model;
    private final List<String> originals;
    private final List<String> counterfactuals;
    private final List<String> neutral;
    private final int steps;
    private final int batchSize;
    private final double learningRate;
    private final double anchorWeight;
    private final double weightDecay;
    private final int maxLength;
    private final Pooling pooling;
    private final long seed;
    private final ProgressListener progress;

    private AlignmentTrainer(Builder b) {
        this.model = b.model;
        this.originals = List.copyOf(b.originals);
        this.counterfactuals = List.copyOf(b.counterfactuals);
        this.neutral = List.copyOf(b.neutral);
        this.steps = b.steps;
        this.batchSize = b.batchSize;
        this.learningRate = b.learningRate;
        this.anchorWeight = b.anchorWeight;
        this.weightDecay = b.weightDecay;
        this.maxLength = Math.min(b.maxLength, b.model.config().maxLength());
        this.pooling = b.pooling;
        this.seed = b.seed;
        this.progress = b.progress;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains and returns the new weights (edits included) with the losses of every step.
     *
     * @throws IllegalStateException when the loss stops being finite, naming the step
     */
    public AlignmentResult run() throws IOException {
        Engine engine = Engine.getInstance();
        try (NDManager base = InferenceSession.newManager(); NDManager params = base.newSubManager();
                TextEncoder enc = new TextEncoder(model.tokenizerJson(), maxLength)) {
            BertClassifier block = new BertClassifier(model.config(), 0, pooling, 0f);
            List<String> fresh = block.load(params, FineTuner.encoderWeights(model.weights()), seed);
            if (!fresh.isEmpty()) {
                throw new IllegalArgumentException(model.source() + ": the weights lack " + fresh);
            }
            List<Example> a = Batches.unlabelled(enc, originals);
            List<Example> b = Batches.unlabelled(enc, counterfactuals);
            List<Example> n = Batches.unlabelled(enc, neutral);
            ParameterStore store = new ParameterStore(params, false);
            Set<NDArray> keep = Collections.newSetFromMap(new IdentityHashMap<>());
            Map<String, NDArray> p = new LinkedHashMap<>();
            for (String name : block.parameterNames()) {
                p.put(name, block.parameter(name).getArray());
            }
            keep.addAll(p.values());
            // the anchor targets: the original model's vectors of the neutral texts
            float[][] targets = new float[n.size()][];
            int k = 0;
            for (List<Example> batch : Batches.inOrder(n, 64)) {
                try (NDManager s = base.newSubManager()) {
                    float[] v = block.forward(store, Batches.inputs(s, batch), false).get(0).toFloatArray();
                    int h = model.config().hiddenSize();
                    for (int i = 0; i < batch.size(); i++) {
                        targets[k++] = java.util.Arrays.copyOfRange(v, i * h, (i + 1) * h);
                    }
                }
                FineTuner.cleanUp(params, keep);
            }
            p.values().forEach(x -> x.setRequiresGradient(true));
            AdamW adam = new AdamW(weightDecay);
            adam.init(params, p);
            keep.addAll(adam.state());
            Map<String, NDArray> zeros = FineTuner.zeroMasks(block, p);
            keep.addAll(zeros.values());
            Cycle pairOrder = new Cycle(a.size(), new SplittableRandom(seed));
            Cycle neutralOrder = new Cycle(n.size(), new SplittableRandom(seed ^ 0x5DEECE66DL));
            List<AlignmentStep> history = new ArrayList<>(steps);
            progress.start("counterfactual alignment", steps, "steps");
            for (int step = 1; step <= steps; step++) {
                engine.setRandomSeed((int) ((seed * 1_000_003L + step) & 0x7FFFFFFF));
                int[] pi = pairOrder.next(Math.min(batchSize, a.size()));
                int[] ni = anchorWeight > 0 ? neutralOrder.next(Math.min(batchSize, n.size())) : new int[0];
                history.add(step(block, store, base, p, adam, zeros, a, b, n, targets, pi, ni, step));
                FineTuner.cleanUp(params, keep);
                progress.advance(1);
            }
            progress.finish();
            p.values().forEach(x -> x.setRequiresGradient(false));
            return new AlignmentResult(block.weights(), history);
        }
    }

    private AlignmentStep step(BertClassifier block, ParameterStore store, NDManager base, Map<String, NDArray> p,
            AdamW adam, Map<String, NDArray> zeros, List<Example> a, List<Example> b, List<Example> n,
            float[][] targets, int[] pi, int[] ni, int step) {
        try (NDManager s = base.newSubManager()) {
            List<Example> batch = new ArrayList<>();
            for (int i : pi) {
                batch.add(a.get(i));
            }
            for (int i : pi) {
                batch.add(b.get(i));
            }
            for (int i : ni) {
                batch.add(n.get(i));
            }
            int h = model.config().hiddenSize();
            float[] target = new float[ni.length * h];
            for (int j = 0; j < ni.length; j++) {
                System.arraycopy(targets[ni[j]], 0, target, j * h, h);
            }
            int k = pi.length;
            double alignment;
            double anchor = 0;
            double total;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList inputs = Batches.inputs(s, batch);
                NDArray pooled = block.forward(store, inputs, true).get(0);
                NDArray x = pooled.get("0:" + k);
                NDArray y = pooled.get(k + ":" + (2 * k));
                NDArray loss = GapGradients.cosineDistances(x, y).mean();
                alignment = loss.getFloat();
                if (ni.length > 0) {
                    NDArray f = pooled.get((2 * k) + ":");
                    NDArray f0 = s.create(target, new ai.djl.ndarray.types.Shape(ni.length, h));
                    NDArray drift = f.sub(f0).square().sum().div(f0.square().sum().maximum(1e-12f));
                    anchor = drift.getFloat();
                    loss = loss.add(drift.mul(Scalars.of(s, (float) anchorWeight)));
                }
                total = loss.getFloat();
                if (!Double.isFinite(total)) {
                    throw new IllegalStateException("the alignment loss became " + total + " at step " + step
                            + "; lower the learning rate");
                }
                Backward.run(gc, loss);
            }
            Map<String, NDArray> grads = new LinkedHashMap<>();
            p.forEach((name, x) -> grads.put(name, x.getGradient()));
            adam.update(p, grads, learningRate, 1f);
            zeros.forEach((name, mask) -> p.get(name).muli(mask));
            grads.values().forEach(g -> g.subi(g));
            return new AlignmentStep(step, alignment, anchor, total);
        }
    }

    /** Indices 0..n-1 in a fresh seeded shuffle each time the previous one is used up. */
    private static final class Cycle {
        private final SplittableRandom random;
        private final List<Integer> order = new ArrayList<>();
        private int next;

        Cycle(int n, SplittableRandom random) {
            this.random = random;
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            next = n;
        }

        int[] next(int count) {
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                if (next == order.size()) {
                    SeededShuffle.shuffle(order, random);
                    next = 0;
                }
                out[i] = order.get(next++);
            }
            return out;
        }
    }

    /** Builds an {@link AlignmentTrainer}: the model and the pairs are required. */
    public static final class Builder {
        private PretrainedModel model;
        private List<String> originals;
        private List<String> counterfactuals;
        private List<String> neutral = List.of();
        private int steps = 100;
        private int batchSize = 16;
        private double learningRate = 2e-5;
        private double anchorWeight = 1.0;
        private double weightDecay = 0.01;
        private int maxLength = 64;
        private Pooling pooling = Pooling.MEAN;
        private long seed = 1;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {}

        /** The encoder to continue training. */
        public Builder setModel(PretrainedModel model) {
            this.model = model;
            return this;
        }

        /** The texts and their counterfactuals, pairwise. */
        public Builder setPairs(List<String> originals, List<String> counterfactuals) {
            this.originals = originals;
            this.counterfactuals = counterfactuals;
            return this;
        }

        /** Texts without axis terms whose vectors the anchor keeps in place; default none. */
        public Builder optNeutral(List<String> neutral) {
            this.neutral = Objects.requireNonNull(neutral);
            return this;
        }

        /** Optimizer steps; default 100. */
        public Builder optSteps(int steps) {
            this.steps = steps;
            return this;
        }

        /** Pairs (and neutral texts) per step; default 16. */
        public Builder optBatchSize(int size) {
            this.batchSize = size;
            return this;
        }

        /** Constant learning rate; default 2e-5. */
        public Builder optLearningRate(double lr) {
            this.learningRate = lr;
            return this;
        }

        /** Weight of the anchor term; default 1. 0 trains on the alignment alone. */
        public Builder optAnchorWeight(double w) {
            this.anchorWeight = w;
            return this;
        }

        /** Decoupled weight decay; default 0.01. */
        public Builder optWeightDecay(double wd) {
            this.weightDecay = wd;
            return this;
        }

        /** Longest input in word pieces; default 64. */
        public Builder optMaxLength(int n) {
            this.maxLength = n;
            return this;
        }

        /** How token states are pooled; default mean. */
        public Builder optPooling(Pooling pooling) {
            this.pooling = Objects.requireNonNull(pooling);
            return this;
        }

        /** Seed of the batch order; default 1. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Receives progress per step. */
        public Builder optProgress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException when a required value is missing or a setting is out of range
         */
        public AlignmentTrainer build() {
            if (model == null || originals == null || counterfactuals == null) {
                throw new IllegalArgumentException("setModel and setPairs are required");
            }
            if (originals.isEmpty() || originals.size() != counterfactuals.size()) {
                throw new IllegalArgumentException(originals.size() + " originals and " + counterfactuals.size()
                        + " counterfactuals; alignment needs at least one pair of each");
            }
            if (anchorWeight > 0 && neutral.isEmpty()) {
                throw new IllegalArgumentException("an anchor weight of " + anchorWeight + " needs neutral texts; "
                        + "give some with optNeutral or set the weight to 0");
            }
            if (steps < 1 || batchSize < 1 || maxLength < 3 || !(learningRate > 0) || anchorWeight < 0
                    || weightDecay < 0) {
                throw new IllegalArgumentException("invalid settings: steps " + steps + ", batch " + batchSize
                        + ", max length " + maxLength + ", lr " + learningRate + ", anchor weight " + anchorWeight
                        + ", weight decay " + weightDecay);
            }
            return new AlignmentTrainer(this);
        }
    }
}
