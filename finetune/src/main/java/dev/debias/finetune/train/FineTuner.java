package dev.debias.finetune.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.debias.core.ArtifactProvenance;
import dev.debias.core.AtomicFile;
import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.core.Setting;
import dev.debias.core.Versions;
import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.Backward;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.Precision;
import dev.debias.finetune.model.NativeArrays;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Scalars;
import dev.debias.finetune.model.Weights;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fine-tunes a pre-trained BERT encoder with a classification head on a labelled corpus: AdamW
 * with decoupled weight decay, linear warm-up and decay, global gradient-norm clipping, per-record
 * and optional class-balancing weights, length-bucketed batches, evaluation after every epoch,
 * early stopping, and the best epoch's weights kept. Every epoch ends with a checkpoint; a run
 * interrupted at any point resumes from the last completed epoch and ends exactly as an
 * uninterrupted run with the same seed would (on CPU): batch order, dropout and head initialization
 * all derive from the seed and the step.
 *
 * <p>The run directory holds {@value #RUN_JSON} ({@link RunDescription}), {@code config.json},
 * {@code tokenizer.json}, {@value #WEIGHTS} (the best epoch's weights) with its provenance sidecar
 * {@code model.safetensors.provenance.json} ({@link ArtifactProvenance}, written when the run ends),
 * {@value #METRICS} and the checkpoint ({@link Checkpoints}).
 *
 * <pre>{@code
 * RunResult r = FineTuner.builder()
 *         .setConfig(TrainConfig.builder().setModel("builtin:minilm").setTrain(train).setEval(eval)
 *                 .setFields(fields).build())
 *         .setRunDir(Path.of("runs/bios"))
 *         .build()
 *         .run();
 * }</pre>
 */
public final class FineTuner {
    /** The run description file. */
    public static final String RUN_JSON = RunDescription.FILE;
    /** One line per epoch. */
    public static final String METRICS = "metrics.jsonl";
    /** The best weights. */
    public static final String WEIGHTS = "model.safetensors";
    /** What {@link ArtifactProvenance} calls the operation that wrote {@value #WEIGHTS}. */
    public static final String OPERATION = "finetune";

    private TrainConfig config;
    private final Path runDir;
    private final boolean resume;
    private final ProgressListener progress;

    private FineTuner(Builder b) {
        this.config = b.config;
        this.runDir = b.runDir;
        this.resume = b.resume;
        this.progress = b.progress;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Resumes the run in {@code runDir} from its last completed epoch, with the settings recorded there. */
    public static RunResult resume(Path runDir, ProgressListener progress) throws IOException {
        Path runJson = runDir.resolve(RUN_JSON);
        if (!Files.isRegularFile(runJson)) {
            throw new InvalidInputException(runDir + ": no " + RUN_JSON + "; not a debias run directory");
        }
        TrainConfig c = RunDescription.read(runJson).config();
        return builder().setConfig(c).setRunDir(runDir).optResume(true).optProgress(progress).build().run();
    }

    /**
     * Trains, evaluates every epoch and writes the run directory. Its {@value #RUN_JSON} says
     * {@code "finished": false} until the last epoch, the best weights and their provenance are written,
     * then {@code true} ({@link RunDescription#requireFinished}).
     *
     * @throws InvalidInputException for a model, corpus or setting that cannot train, naming it; for a
     *     corpus that is no file, a run directory that is a file or a non-empty folder that is no run, or
     *     a model that is an unfinished run (checked before anything is written)
     * @throws NonFiniteLossException when the loss or the gradient norm of a step is not finite
     */
    public RunResult run() throws IOException {
        RunPreflight.check(config, runDir, resume);
        Hyperparameters h = config.hyperparameters();
        PretrainedModel pre = PretrainedModel.load(config.model());
        Weights start = encoderWeights(pre.weights());
        if (pre.pooling() != null && pre.pooling() != h.pooling() && start.get(BertClassifier.PROJECTION) != null) {
            String needed = pre.pooling().name().toLowerCase(Locale.ROOT);
            throw new InvalidInputException(config.model() + ": its projection was learned on " + needed
                    + "-pooled vectors, but this run pools by " + h.pooling().name().toLowerCase(Locale.ROOT)
                    + "; pass " + Setting.POOLING + " " + needed);
        }
        Engine engine = Engine.getInstance();
        Device device = h.device().select(engine);
        Precision precision = ComputeDevice.precisionOn(h.precision(), device);
        if (precision != h.precision()) {
            // the run records what auto decided on this machine
            config = new TrainConfig(config.data(), h.withPrecision(precision));
            h = config.hyperparameters();
        }
        // inputs can be no longer than the model's position table allows
        int maxLength = Math.min(h.maxLength(), pre.config().maxLength());
        String trainSha = Hashing.sha256(config.train());
        String evalSha = Hashing.sha256(config.eval());
        Checkpoints checkpoints = new Checkpoints(runDir);
        TrainingState state = resume ? checkpoints.readState(trainSha, evalSha) : null;
        TrainingData data = TrainingDataLoader.load(config.data(), h.classBalanced(), pre.tokenizerJson(), maxLength);
        RunDescription description = new RunDescription(config, data.labels(), pre.source(), pre.sha256(), trainSha,
                evalSha, data.train().size(), data.eval().size(), data.truncatedTrain(), data.truncatedEval(),
                maxLength, h.precision() == Precision.BF16, Versions.all(), false);
        description.write(runDir);
        Path weights = runDir.resolve(WEIGHTS);
        Files.deleteIfExists(ArtifactProvenance.sidecarOf(weights));
        Files.write(runDir.resolve("tokenizer.json"), pre.tokenizerJson());
        AtomicFile.write(runDir.resolve("config.json"), pre.config().toJson().getBytes(StandardCharsets.UTF_8));
        RunResult result = train(pre, start, data, device, engine, checkpoints, state, trainSha, evalSha);
        if (Files.isRegularFile(weights)) {
            Map<String, String> inputs = new LinkedHashMap<>();
            inputs.put("model", pre.sha256());
            inputs.put("train", trainSha);
            inputs.put("eval", evalSha);
            ArtifactProvenance.of(OPERATION, config.asMap(), inputs, weights, -1).writeBeside(weights);
        }
        description.withFinished(true).write(runDir);   // last: only a completed run says so
        return result;
    }

    /** The epochs from the one after {@code state} (the first when null) to the last or an early stop. */
    private RunResult train(PretrainedModel pre, Weights start, TrainingData data, Device device, Engine engine,
            Checkpoints checkpoints, TrainingState state, String trainSha, String evalSha) throws IOException {
        Hyperparameters h = config.hyperparameters();
        List<Example> train = data.train();
        List<String> labels = data.labels();
        List<EpochMetrics> history = new ArrayList<>(state == null ? List.of() : state.history());
        int firstEpoch = state == null ? 1 : state.epoch() + 1;
        boolean stoppedEarly = state != null && state.stopped();
        try (NDManager base = NDManager.newBaseManager(device); NDManager params = base.newSubManager()) {
            // first-token pooling uses the family's own sentence head (BERT's pooler, RoBERTa's classifier.dense, ...),
            // and so does ModernBERT's mean pooling (its classifier_pooling: mean)
            BertClassifier model = new BertClassifier(pre.config(), labels.size(), h.pooling(), h.dropout(),
                    pre.config().family().headReads(h.pooling()));
            model.setPrecision(h.precision());
            Path ckpt = state == null ? null : checkpoints.latest();
            model.load(params, state == null ? start : SafeTensors.read(ckpt.resolve(Checkpoints.MODEL)), h.seed());
            Map<String, NDArray> p = new LinkedHashMap<>();
            for (String name : model.parameterNames()) {
                NDArray a = model.parameter(name).getArray();
                a.setRequiresGradient(true);
                p.put(name, a);
            }
            AdamW adam = new AdamW(h.weightDecay());
            adam.init(params, p);
            Map<String, NDArray> zeros = zeroMasks(model, p);
            if (state != null) {
                adam.load(SafeTensors.read(ckpt.resolve(Checkpoints.OPTIMIZER)), state.step());
            }
            Set<NDArray> keep = Collections.newSetFromMap(new IdentityHashMap<>());
            keep.addAll(p.values());
            keep.addAll(adam.state());
            keep.addAll(zeros.values());
            ParameterStore store = new ParameterStore(params, false);
            int perEpoch = (train.size() + h.batchSize() - 1) / h.batchSize();
            long total = (long) perEpoch * h.epochs();
            double bestValue = state == null ? Double.NEGATIVE_INFINITY : state.bestValue();
            int bestEpoch = state == null ? 0 : state.bestEpoch();
            int bad = state == null ? 0 : state.badEpochs();
            for (int epoch = firstEpoch; epoch <= h.epochs() && !stoppedEarly; epoch++) {
                long t0 = System.nanoTime();
                List<List<Example>> batches = Batches.plan(train, h.batchSize(), h.seed(), epoch);
                progress.start("epoch " + epoch + "/" + h.epochs(), batches.size(), "batches");
                double lossSum = 0;
                double weightSum = 0;
                for (List<Example> batch : batches) {
                    long step = adam.step() + 1;
                    engine.setRandomSeed((int) ((h.seed() * 1_000_003L + step) & 0x7FFFFFFF));
                    double[] lw = trainStep(model, store, base, p, adam, batch, h.learningRateAt(step, total),
                            h.clipNorm(), step, zeros, config.task());
                    lossSum += lw[0];
                    weightSum += lw[1];
                    cleanUp(params, keep);
                    progress.advance(1);
                }
                progress.finish();
                Double[] ev = EvaluationPass.run(model, store, base, data.eval(), config.task(),
                        Math.max(1, config.batchSize() * 2), params, keep);
                double value = new EpochMetrics(epoch, 0, 0, 0, ev[1], ev[2], ev[3], ev[4], 0, false).value(h.metric());
                boolean best = value > bestValue || bestEpoch == 0;   // the first epoch is kept even with an undefined measure
                if (best) {
                    bestValue = value;
                    bestEpoch = epoch;
                    bad = 0;
                    SafeTensors.write(runDir.resolve(WEIGHTS), model.weights());
                } else {
                    bad++;
                }
                history.add(new EpochMetrics(epoch, adam.step(), weightSum == 0 ? 0 : lossSum / weightSum, ev[0], ev[1],
                        ev[2], ev[3], ev[4], (System.nanoTime() - t0) / 1e9, best));
                stoppedEarly = h.patience() > 0 && bad >= h.patience() && epoch < h.epochs();
                checkpoints.write(model.weights(), adam.save(), new TrainingState(epoch, adam.step(), bestValue,
                        bestEpoch, bad, stoppedEarly, history, trainSha, evalSha));
            }
            return new RunResult(runDir, labels, history, bestEpoch, stoppedEarly, data.truncatedTrain(),
                    data.truncatedEval(), state == null ? 0 : state.epoch(), data.trainRead(), data.evalRead());
        }
    }

    /**
     * {@code weights} without a task head ({@code classifier.*}, DistilBERT's {@code pre_classifier.*}): what
     * a new head starts from. BERT's pooler stays, as it comes with pre-training.
     */
    public static Weights encoderWeights(Weights weights) {
        Weights out = new Weights();
        weights.all().forEach((k, t) -> {
            if (!k.startsWith("classifier.") && !k.startsWith("pre_classifier.")) {
                out.put(k, t.shape(), t.data());
            }
        });
        return out;
    }

    /** {@link #trainStep(BertClassifier, ParameterStore, NDManager, Map, AdamW, List, double, double, long, Map, Task)} of a classification run. */
    public static double[] trainStep(BertClassifier model, ParameterStore store, NDManager base, Map<String, NDArray> p,
            AdamW adam, List<Example> batch, double lr, double clipNorm, long step, Map<String, NDArray> zeros) {
        return trainStep(model, store, base, p, adam, batch, lr, clipNorm, step, zeros, Task.CLASSIFICATION);
    }

    /**
     * One optimizer step: forward, the weighted loss (cross-entropy, or for regression the squared error of
     * the single output), backward, global-norm clipping to
     * {@code clipNorm} (0 for none), the AdamW update, pruned weights set back to zero ({@code zeros}: a
     * 0/1 mask per parameter name, often empty) and zeroed gradients. Returns the batch's weighted loss
     * sum and weight sum. {@link FinetuneBenchmark} times exactly this.
     *
     * @throws NonFiniteLossException when the loss or the gradient norm is not finite, naming the step
     */
    public static double[] trainStep(BertClassifier model, ParameterStore store, NDManager base, Map<String, NDArray> p,
            AdamW adam, List<Example> batch, double lr, double clipNorm, long step, Map<String, NDArray> zeros,
            Task task) {
        try (NDManager s = base.newSubManager()) {
            NDList inputs = Batches.inputs(s, batch);
            float[] w = new float[batch.size()];
            long[] y = new long[batch.size()];
            float[] t = new float[batch.size()];
            double wsum = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] = batch.get(i).weight();
                y[i] = batch.get(i).label();
                t[i] = batch.get(i).target();
                wsum += w[i];
            }
            NDArray weights = NativeArrays.of(s, w);
            NDArray loss;
            double lossSum;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = model.forward(store, inputs, true).get(0);
                NDArray perExample = task == Task.REGRESSION
                        ? logits.reshape(-1).sub(NativeArrays.of(s, t)).square()
                        : logits.logSoftmax(1).get(new NDIndex().addAllDim().addPickDim(NativeArrays.of(s, y)))
                                .reshape(-1).neg();
                NDArray weighted = perExample.mul(weights).sum();
                lossSum = weighted.getFloat();
                loss = weightedMean(s, weighted, wsum);
                Backward.run(gc, loss);
            }
            if (!Double.isFinite(lossSum)) {
                throw new NonFiniteLossException(NonFiniteLossException.Quantity.LOSS, lossSum, step);
            }
            Map<String, NDArray> grads = new LinkedHashMap<>();
            double sq = 0;
            List<String> nonFinite = new ArrayList<>();
            for (var e : p.entrySet()) {
                NDArray g = e.getValue().getGradient();
                grads.put(e.getKey(), g);
                double v = g.square().sum().getFloat();
                if (!Double.isFinite(v)) {
                    nonFinite.add(e.getKey());
                }
                sq += v;
            }
            double norm = Math.sqrt(sq);
            if (!Double.isFinite(norm)) {
                throw new NonFiniteLossException(NonFiniteLossException.Quantity.GRADIENT_NORM, norm, step,
                        "in " + nonFinite.size() + " of " + p.size() + " parameters, first "
                                + String.join(", ", nonFinite.subList(0, Math.min(3, nonFinite.size()))));
            }
            float scale = clipNorm > 0 && norm > clipNorm ? (float) (clipNorm / norm) : 1f;
            adam.update(p, grads, lr, scale);
            zeros.forEach((name, mask) -> p.get(name).muli(mask));
            grads.values().forEach(g -> g.subi(g));
            return new double[] {lossSum, wsum};
        }
    }

    /**
     * {@code weightedSum / max(weightSum, 1e-12)}, the loss a step differentiates. The divisor is a
     * PyTorch-owned scalar ({@link Scalars}): autograd keeps it for the backward pass, and one that DJL
     * made from a Java number could be freed by a garbage collection before then.
     */
    static NDArray weightedMean(NDManager manager, NDArray weightedSum, double weightSum) {
        return weightedSum.div(Scalars.of(manager, (float) Math.max(weightSum, 1e-12)));
    }

    /**
     * For a magnitude-pruned model ({@link BertClassifier#weightSparsity()} > 0): a 0/1 mask per encoder
     * linear weight, 0 where the weight is zero, so training keeps the pruned weights pruned. Empty
     * otherwise.
     */
    public static Map<String, NDArray> zeroMasks(BertClassifier model, Map<String, NDArray> p) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        if (model.weightSparsity() <= 0) {
            return out;
        }
        for (var e : p.entrySet()) {
            String name = e.getKey();
            if (BertClassifier.isEncoderLinearWeight(name)) {
                out.put(name, e.getValue().neq(Scalars.of(e.getValue().getManager(), 0f)).toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
            }
        }
        return out;
    }

    /**
     * Frees the temporaries that operations on the weights leave on the weights' manager (DJL attaches
     * a result to its first operand's manager): every array there but {@code keep}.
     */
    public static void cleanUp(NDManager params, Set<NDArray> keep) {
        for (NDArray a : params.getManagedArrays()) {
            if (!keep.contains(a)) {
                a.close();
            }
        }
    }

    /** Builds a {@link FineTuner}: the configuration and run directory are required. */
    public static final class Builder {
        private TrainConfig config;
        private Path runDir;
        private boolean resume;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {}

        /** Every training setting. */
        public Builder setConfig(TrainConfig config) {
            this.config = config;
            return this;
        }

        /** Where the run's files go. */
        public Builder setRunDir(Path dir) {
            this.runDir = dir;
            return this;
        }

        /** Continue from the run directory's last checkpoint, if it has one. */
        public Builder optResume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /** Receives progress per batch. */
        public Builder optProgress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        /** Validates and builds. */
        public FineTuner build() {
            if (config == null || runDir == null) {
                throw new IllegalArgumentException("setConfig and setRunDir are required");
            }
            return new FineTuner(this);
        }
    }
}
