package dev.debias.bench;

import dev.debias.finetune.train.AdamW;
import dev.debias.finetune.train.Batches;
import dev.debias.finetune.train.Example;
import dev.debias.finetune.train.FineTuner;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.debias.bench.BenchResult;
import dev.debias.core.ProgressListener;
import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.ModelFamily;
import dev.debias.finetune.model.RelativeAttention;
import dev.debias.finetune.model.BFloat16;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.Precision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Measures fine-tuning throughput of {@code builtin:minilm} (training examples/s and achieved
 * GFLOP/s at two sequence lengths, inference examples/s) next to the GFLOP/s of a plain large
 * matrix multiply on the same engine in the same run; their ratio is the model FLOPs utilisation.
 * Then, per {@linkplain ModelFamily architecture family}, the same training step of a randomly
 * initialised model of MiniLM's shape (6 layers, hidden 384, 12 heads, intermediate 1536) in that
 * family's layout, at the longest length: the MFU each family's block reaches here.
 * A training step is the real one: forward, backward, global-norm clipping and the AdamW update.
 * FLOPs count the matrix products only (2 per multiply-add; training = 3 x forward).
 *
 * <p>MiniLM's training and inference are measured twice in the same run: in fp32 and with bf16 matrix
 * products ({@link Precision#BF16}), each MFU against the matrix product in its own precision, with the bf16
 * speed-up over fp32 ({@code speedup_bf16_*}: fp32 seconds over bf16 seconds). The families run in fp32.
 */
public final class FinetuneBenchmark {
    private final int batchSize;
    private final int steps;
    private final int[] lengths;
    private final List<ModelFamily> families;

    /**
     * @param batchSize examples per step
     * @param steps timed steps per length, after one warm-up step
     * @param lengths sequence lengths to measure
     */
    public FinetuneBenchmark(int batchSize, int steps, int... lengths) {
        this(batchSize, steps, List.of(), lengths);
    }

    /**
     * @param batchSize examples per step
     * @param steps timed steps per length, after one warm-up step
     * @param families the families whose training step is also timed at the longest length (may be empty)
     * @param lengths sequence lengths to measure
     */
    public FinetuneBenchmark(int batchSize, int steps, List<ModelFamily> families, int... lengths) {
        if (batchSize < 1 || steps < 1 || lengths.length == 0) {
            throw new IllegalArgumentException("batch size, steps and lengths are required");
        }
        this.batchSize = batchSize;
        this.steps = steps;
        this.lengths = lengths.clone();
        this.families = List.copyOf(families);
    }

    /**
     * A model of MiniLM's shape in {@code family}'s layout: 6 layers, hidden 384, 12 heads, intermediate
     * 1536, a 30,522-piece vocabulary, 512 positions (after RoBERTa's offset); ELECTRA's embeddings 128
     * wide, projected; DeBERTa with v3's relative attention (256 buckets, c2p and p2c, shared keys); ModernBERT
     * with ModernBERT-base's settings.
     */
    static BertConfig shapeOf(ModelFamily family) {
        return switch (family) {
            case BERT -> new BertConfig(30522, 384, 6, 12, 1536, 512, 2, 1e-12);
            case ROBERTA, XLM_ROBERTA -> new BertConfig(30522, 384, 6, 12, 1536, 514, 1, 1e-5, family, 384, 2);
            case DISTILBERT -> new BertConfig(30522, 384, 6, 12, 1536, 512, 0, 1e-12, family, 384, 0);
            case ELECTRA -> new BertConfig(30522, 384, 6, 12, 1536, 512, 2, 1e-12, family, 128, 0);
            case DEBERTA_V2 -> new BertConfig(30522, 384, 6, 12, 1536, 512, 0, 1e-7, family, 384, 0,
                    RelativeAttention.V3);
            case MODERNBERT -> BertConfig.modernBert(30522, 384, 6, 12, 1536, 512, 1e-5,
                    dev.debias.finetune.model.ModernBertSettings.BASE);
        };
    }

    /**
     * Forward FLOPs of one sequence of {@code t} tokens: per layer the four attention projections, the
     * feed-forward pair and the two attention products; with DeBERTa's relative attention also each query
     * against every relative key row (c2p) and each key against every relative query row (p2c).
     */
    static double forwardFlops(BertConfig c, int t) {
        double h = c.hiddenSize();
        // ModernBERT's gated feed-forward has three intermediate-wide matrices (Wi holds two); its local layers'
        // attention products are counted in full, as the dense masked product computes them
        double feedForward = c.modern() != null ? 3 : 2;
        double perLayer = 4 * 2.0 * t * h * h + feedForward * 2.0 * t * h * c.intermediateSize() + 2 * 2.0 * t * t * h;
        RelativeAttention r = c.relative();
        if (r != null) {
            double rows = 2.0 * r.span(c.maxPositions());
            perLayer += ((r.contentToPosition() ? 1 : 0) + (r.positionToContent() ? 1 : 0)) * 2.0 * t * rows * h;
        }
        return perLayer * c.layers();
    }

    /**
     * Forward FLOPs of a batch of {@code batch} sequences of {@code t} tokens: {@link #forwardFlops} each,
     * plus, with relative attention, projecting the relative table once per layer (by the query and the
     * key projection).
     */
    static double batchForwardFlops(BertConfig c, int t, int batch) {
        double flops = forwardFlops(c, t) * batch;
        RelativeAttention r = c.relative();
        if (r != null) {
            double rows = 2.0 * r.span(c.maxPositions());
            double h = c.hiddenSize();
            flops += ((r.contentToPosition() ? 1 : 0) + (r.positionToContent() ? 1 : 0)) * 2.0 * rows * h * h * c.layers();
        }
        return flops;
    }

    /** Runs every measurement. */
    public BenchResult run(ProgressListener progress) throws Exception {
        PretrainedModel pre = PretrainedModel.load(PretrainedModel.MINILM);
        BertConfig c = pre.config();
        List<BenchResult.Row> rows = new ArrayList<>();
        Map<String, Double> ratios = new LinkedHashMap<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        Engine engine = Engine.getInstance();
        engine.setRandomSeed(1);
        progress.start("benchmarking finetune", lengths.length * 4L + 2 + families.size(), "measurements");
        try (NDManager base = NDManager.newBaseManager(); NDManager params = base.newSubManager()) {
            double matmul = matmulGflops(base, Precision.FP32);
            rows.add(new BenchResult.Row("matmul 2048x2048", 1, 0, 2.0 * 2048 * 2048 * 2048 / 1e9 / matmul));
            facts.put("matmul_gflops", matmul);
            progress.advance(1);
            double matmulBf16 = matmulGflops(base, Precision.BF16);
            rows.add(new BenchResult.Row("matmul 2048x2048 bf16", 1, 0, 2.0 * 2048 * 2048 * 2048 / 1e9 / matmulBf16));
            facts.put("matmul_bf16_gflops", matmulBf16);
            progress.advance(1);
            BertClassifier model = new BertClassifier(c, 8, Pooling.MEAN, 0.1f);
            model.load(params, pre.weights(), 1);
            Trainee trainee = Trainee.of(model, params);
            Set<NDArray> keep = trainee.keep();
            ParameterStore store = trainee.store();
            SplittableRandom random = new SplittableRandom(5);
            Map<String, Double> fp32Seconds = new LinkedHashMap<>();
            // the precisions alternate at each length, so a change in the machine's load hits both alike
            for (int t : lengths) {
                for (Precision precision : List.of(Precision.FP32, Precision.BF16)) {
                    model.setPrecision(precision);
                    boolean bf16 = precision == Precision.BF16;
                    // fp32 keeps the names it always had; bf16 rows and figures say bf16
                    String tag = bf16 ? " bf16" : "";
                    String key = bf16 ? "_bf16" : "";
                    double peak = bf16 ? matmulBf16 : matmul;
                    String vs = bf16 ? "_vs_bf16_matmul" : "_vs_matmul";
                    double best = bestStep(trainee, params, base, random, t, c.vocabSize());
                    double gflops = 3 * forwardFlops(c, t) * batchSize / 1e9 / best;
                    rows.add(new BenchResult.Row("train" + tag + " len " + t + " batch " + batchSize, batchSize, 0, best));
                    facts.put("train" + key + "_len" + t + "_gflops", gflops);
                    ratios.put("mfu_train" + key + "_len" + t + vs, gflops / peak);
                    progress.advance(1);
                    double inf = Double.MAX_VALUE;
                    for (int s = 0; s <= steps; s++) {
                        long t0 = System.nanoTime();
                        try (NDManager sm = base.newSubManager()) {
                            model.forward(store, Batches.inputs(sm, randomBatch(random, t, c.vocabSize())), false).get(0)
                                    .toFloatArray();
                        }
                        FineTuner.cleanUp(params, keep);
                        double sec = (System.nanoTime() - t0) / 1e9;
                        if (s > 0) {
                            inf = Math.min(inf, sec);
                        }
                    }
                    rows.add(new BenchResult.Row("predict" + tag + " len " + t + " batch " + batchSize, batchSize, 0, inf));
                    double infGflops = forwardFlops(c, t) * batchSize / 1e9 / inf;
                    facts.put("predict" + key + "_len" + t + "_gflops", infGflops);
                    ratios.put("mfu_predict" + key + "_len" + t + vs, infGflops / peak);
                    if (bf16) {
                        ratios.put("speedup_bf16_train_len" + t, fp32Seconds.get("train" + t) / best);
                        ratios.put("speedup_bf16_predict_len" + t, fp32Seconds.get("predict" + t) / inf);
                    } else {
                        fp32Seconds.put("train" + t, best);
                        fp32Seconds.put("predict" + t, inf);
                    }
                    progress.advance(1);
                }
            }
            model.setPrecision(Precision.FP32);
            int longest = java.util.Arrays.stream(lengths).max().orElseThrow();
            for (ModelFamily family : families) {
                BertConfig fc = shapeOf(family);
                double sec = familyStep(base, fc, longest, random);
                double gflops = 3 * batchForwardFlops(fc, longest, batchSize) / 1e9 / sec;
                rows.add(new BenchResult.Row("train " + family.modelType() + " len " + longest + " batch " + batchSize,
                        batchSize, 0, sec));
                facts.put("train_" + family.modelType() + "_len" + longest + "_gflops", gflops);
                ratios.put("mfu_train_" + family.modelType() + "_len" + longest + "_vs_matmul", gflops / matmul);
                progress.advance(1);
            }
        }
        progress.finish();
        facts.put("model", PretrainedModel.MINILM);
        facts.put("batch_size", batchSize);
        facts.put("timed_steps", steps);
        facts.put("threads", Runtime.getRuntime().availableProcessors());
        return new BenchResult("finetune", rows, ratios, facts);
    }

    /** The best of {@code steps} timed training steps (after a warm-up) of a fresh model of {@code c}. */
    private double familyStep(NDManager base, BertConfig c, int length, SplittableRandom random) {
        try (NDManager params = base.newSubManager()) {
            BertClassifier model = new BertClassifier(c, 8, Pooling.CLS, 0.1f, true);
            model.load(params, null, 1);
            return bestStep(Trainee.of(model, params), params, base, random, length, c.vocabSize());
        }
    }

    /** The best of {@code steps} timed training steps of {@code t}, after one warm-up step. */
    private double bestStep(Trainee t, NDManager params, NDManager base, SplittableRandom random, int length,
            int vocab) {
        double best = Double.MAX_VALUE;
        for (int s = 0; s <= steps; s++) {
            long t0 = System.nanoTime();
            step(t.model(), t.store(), base, t.parameters(), t.adam(), random, length, vocab);
            double sec = (System.nanoTime() - t0) / 1e9;
            FineTuner.cleanUp(params, t.keep());
            if (s > 0) {
                best = Math.min(best, sec);
            }
        }
        return best;
    }

    /** A model ready to train: its parameters requiring gradients, an AdamW over them, what a step must keep. */
    private record Trainee(BertClassifier model, Map<String, NDArray> parameters, AdamW adam, Set<NDArray> keep,
            ParameterStore store) {
        static Trainee of(BertClassifier model, NDManager params) {
            Map<String, NDArray> p = new LinkedHashMap<>();
            for (String name : model.parameterNames()) {
                NDArray a = model.parameter(name).getArray();
                a.setRequiresGradient(true);
                p.put(name, a);
            }
            AdamW adam = new AdamW(0.01);
            adam.init(params, p);
            Set<NDArray> keep = Collections.newSetFromMap(new IdentityHashMap<>());
            keep.addAll(p.values());
            keep.addAll(adam.state());
            return new Trainee(model, p, adam, keep, new ParameterStore(params, false));
        }
    }

    /** GFLOP/s of a 2048 x 2048 matrix product in {@code precision} (fp32 or bf16 operands and result). */
    private static double matmulGflops(NDManager base, Precision precision) {
        double best = Double.MAX_VALUE;
        boolean bf16 = precision == Precision.BF16;
        try (NDManager m = base.newSubManager()) {
            NDArray a = m.randomNormal(new Shape(2048, 2048));
            NDArray b = m.randomNormal(new Shape(2048, 2048));
            if (bf16) {
                a = BFloat16.of(a);
                b = BFloat16.of(b);
            }
            for (int i = 0; i < 9; i++) {
                long t0 = System.nanoTime();
                try (NDArray r = a.matMul(b)) {
                    // reading one value needs float32; the cast of that one value is not timed apart (negligible)
                    (bf16 ? BFloat16.toFloat32(r.get("0:1, 0:1")) : r).getFloat(0, 0);
                }
                double sec = (System.nanoTime() - t0) / 1e9;
                if (i > 0) {
                    best = Math.min(best, sec);
                }
            }
        }
        return 2.0 * 2048 * 2048 * 2048 / 1e9 / best;
    }

    private void step(BertClassifier model, ParameterStore store, NDManager base, Map<String, NDArray> p, AdamW adam,
            SplittableRandom random, int length, int vocab) {
        FineTuner.trainStep(model, store, base, p, adam, randomBatch(random, length, vocab), 1e-5, 1.0, adam.step() + 1, Map.of());
    }

    /** A batch of random word pieces (above the special tokens' ids) with random labels of 8 classes. */
    private List<Example> randomBatch(SplittableRandom random, int length, int vocab) {
        List<Example> batch = new ArrayList<>(batchSize);
        for (int b = 0; b < batchSize; b++) {
            long[] ids = new long[length];
            for (int i = 0; i < length; i++) {
                ids[i] = 1000 + random.nextInt(vocab - 1000);
            }
            batch.add(new Example("", ids, new long[length], random.nextInt(8), 1f));
        }
        return batch;
    }
}
