package dev.debias.finetune.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.core.FileTrees;
import dev.debias.core.ProgressListener;
import dev.debias.core.Versions;
import dev.debias.core.AtomicFile;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.SafeTensors;
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
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fine-tunes a pre-trained BERT encoder with a classification head on a labelled corpus: AdamW
 * with decoupled weight decay, linear warm-up and decay, global gradient-norm clipping, per-record
 * and optional class-balancing weights, length-bucketed batches, evaluation after every epoch,
 * early stopping, and the best epoch's weights kept. Every epoch ends with a checkpoint; a run
 * interrupted at any point resumes from the last completed epoch and ends exactly as an
 * uninterrupted run with the same seed would (on CPU): batch order, dropout and head initialization
 * all derive from the seed and the step.
 *
 * <pre>{@code
 * RunResult r = FineTuner.builder()
 *         .setConfig(TrainConfig.defaults("builtin:minilm", train, eval, fields))
 *         .setRunDir(Path.of("runs/bios"))
 *         .build()
 *         .run();
 * }</pre>
 */
public final class FineTuner {
    /** The run description file. */
    public static final String RUN_JSON = "run.json";
    /** One line per epoch. */
    public static final String METRICS = "metrics.jsonl";
    /** The best weights. */
    public static final String WEIGHTS = "model.safetensors";
    private static final String CHECKPOINT = "checkpoint";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final TrainConfig config;
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
        Map<String, Object> run = JSON.readValue(runJson.toFile(), new TypeReference<>() {});
        @SuppressWarnings("unchecked")
        TrainConfig c = TrainConfig.fromMap((Map<String, String>) run.get("config"));
        return builder().setConfig(c).setRunDir(runDir).optResume(true).optProgress(progress).build().run();
    }

    /** Trains, evaluates every epoch and writes the run directory. */
    public RunResult run() throws IOException {
        Files.createDirectories(runDir);
        PretrainedModel pre = PretrainedModel.load(config.model());
        Weights start = encoderWeights(pre.weights());
        if (pre.pooling() != null && pre.pooling() != config.pooling() && start.get(BertClassifier.PROJECTION) != null) {
            throw new InvalidInputException(config.model() + ": its projection was learned on "
                    + pre.pooling().name().toLowerCase(java.util.Locale.ROOT) + "-pooled vectors, but this run pools by "
                    + config.pooling().name().toLowerCase(java.util.Locale.ROOT) + "; pass --pooling "
                    + pre.pooling().name().toLowerCase(java.util.Locale.ROOT));
        }
        Engine engine = Engine.getInstance();
        Device device = device(engine);
        // inputs can be no longer than the model's position table
        int maxLength = Math.min(config.maxLength(), pre.config().maxPositions());
        String trainSha = Hashing.sha256(config.train());
        String evalSha = Hashing.sha256(config.eval());
        State state = resume ? readState(trainSha, evalSha) : null;
        List<Example> train;
        List<Example> eval;
        List<String> labels;
        long truncatedTrain;
        long truncatedEval;
        try (TextEncoder enc = new TextEncoder(pre.tokenizerJson(), maxLength)) {
            List<Record> trainRecords = read(config.train());
            labels = labels(trainRecords);
            train = examples(trainRecords, labels, enc, config.train(), true);
            truncatedTrain = enc.truncated();
            eval = examples(read(config.eval()), labels, enc, config.eval(), false);
            truncatedEval = enc.truncated() - truncatedTrain;
        }
        if (labels.size() < 2) {
            throw new InvalidInputException(config.train() + ": the labels " + labels + " are fewer than two classes");
        }
        if (config.classBalanced()) {
            train = balance(train, labels.size());
        }
        writeRunJson(pre, labels, trainSha, evalSha, truncatedTrain, truncatedEval, train.size(), eval.size(), maxLength);
        Files.write(runDir.resolve("tokenizer.json"), pre.tokenizerJson());
        AtomicFile.write(runDir.resolve("config.json"), pre.config().toJson().getBytes(StandardCharsets.UTF_8));

        List<EpochMetrics> history = new ArrayList<>(state == null ? List.of() : state.history);
        int firstEpoch = state == null ? 1 : state.epoch + 1;
        boolean stoppedEarly = state != null && state.stopped;
        try (NDManager base = NDManager.newBaseManager(device); NDManager params = base.newSubManager()) {
            BertClassifier model = new BertClassifier(pre.config(), labels.size(), config.pooling(), config.dropout());
            Path ckpt = state == null ? null : latestCheckpoint();
            model.load(params, state == null ? start : SafeTensors.read(ckpt.resolve(WEIGHTS)), config.seed());
            Map<String, NDArray> p = new LinkedHashMap<>();
            for (String name : model.parameterNames()) {
                NDArray a = model.parameter(name).getArray();
                a.setRequiresGradient(true);
                p.put(name, a);
            }
            AdamW adam = new AdamW(config.weightDecay());
            adam.init(params, p);
            Map<String, NDArray> zeros = zeroMasks(model, p);
            if (state != null) {
                adam.load(SafeTensors.read(ckpt.resolve("optimizer.safetensors")), state.step);
            }
            Set<NDArray> keep = Collections.newSetFromMap(new IdentityHashMap<>());
            keep.addAll(p.values());
            keep.addAll(adam.state());
            keep.addAll(zeros.values());
            ParameterStore store = new ParameterStore(params, false);
            int perEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
            long total = (long) perEpoch * config.epochs();
            double bestValue = state == null ? Double.NEGATIVE_INFINITY : state.bestValue;
            int bestEpoch = state == null ? 0 : state.bestEpoch;
            int bad = state == null ? 0 : state.badEpochs;
            for (int epoch = firstEpoch; epoch <= config.epochs() && !stoppedEarly; epoch++) {
                long t0 = System.nanoTime();
                List<List<Example>> batches = Batches.plan(train, config.batchSize(), config.seed(), epoch);
                progress.start("epoch " + epoch + "/" + config.epochs(), batches.size(), "batches");
                double lossSum = 0;
                double weightSum = 0;
                for (List<Example> batch : batches) {
                    long step = adam.step() + 1;
                    engine.setRandomSeed((int) ((config.seed() * 1_000_003L + step) & 0x7FFFFFFF));
                    double[] lw = trainStep(model, store, base, p, adam, batch, schedule(step, total), config.clipNorm(), step,
                            zeros);
                    lossSum += lw[0];
                    weightSum += lw[1];
                     cleanUp(params, keep);
                    progress.advance(1);
                }
                progress.finish();
                double[] ev = evaluate(model, store, base, eval, labels.size(), params, keep);
                double value = config.metric().equals("accuracy") ? ev[1] : ev[2];
                boolean best = value > bestValue;
                if (best) {
                    bestValue = value;
                    bestEpoch = epoch;
                    bad = 0;
                    SafeTensors.write(runDir.resolve(WEIGHTS), model.weights());
                } else {
                    bad++;
                }
                history.add(new EpochMetrics(epoch, adam.step(), weightSum == 0 ? 0 : lossSum / weightSum, ev[0], ev[1],
                        ev[2], (System.nanoTime() - t0) / 1e9, best));
                stoppedEarly = config.patience() > 0 && bad >= config.patience() && epoch < config.epochs();
                checkpoint(model, adam, new State(epoch, adam.step(), bestValue, bestEpoch, bad, stoppedEarly, history,
                        trainSha, evalSha));
            }
            return new RunResult(runDir, labels, history, bestEpoch, stoppedEarly, truncatedTrain, truncatedEval,
                    state == null ? 0 : state.epoch);
        }
    }

    private Device device(Engine engine) {
        return switch (config.device()) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (engine.getGpuCount() == 0) {
                    throw new InvalidInputException("--device gpu: no GPU is visible to PyTorch (build with -Pcuda and "
                            + "run on a machine with CUDA 12.4)");
                }
                yield Device.gpu();
            }
            default -> engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        };
    }

    /** {@code weights} without a classification head or pooler: what a new head starts from. */
    public static Weights encoderWeights(Weights weights) {
        Weights out = new Weights();
        weights.all().forEach((k, t) -> {
            if (!k.startsWith("classifier.") && !k.startsWith("pooler.")) {
                out.put(k, t.shape(), t.data());
            }
        });
        return out;
    }

    /** Linear warm-up to the peak, then linear decay to 0 at the last step. */
    private double schedule(long step, long total) {
        long warmup = Math.round(config.warmupFraction() * total);
        double peak = config.learningRate();
        if (step <= warmup) {
            return peak * step / Math.max(1, warmup);
        }
        return peak * Math.max(0, total - step) / Math.max(1, total - warmup);
    }

    /**
     * One optimizer step: forward, weighted cross-entropy, backward, global-norm clipping to
     * {@code clipNorm} (0 for none), the AdamW update, pruned weights set back to zero ({@code zeros}: a
     * 0/1 mask per parameter name, often empty) and zeroed gradients. Returns the batch's weighted loss
     * sum and weight sum. {@link FinetuneBenchmark} times exactly this.
     *
     * @throws IllegalStateException when the loss or the gradient norm is not finite, naming the step
     */
    public static double[] trainStep(BertClassifier model, ParameterStore store, NDManager base, Map<String, NDArray> p,
            AdamW adam, List<Example> batch, double lr, double clipNorm, long step, Map<String, NDArray> zeros) {
        try (NDManager s = base.newSubManager()) {
            NDList inputs = Batches.inputs(s, batch);
            float[] w = new float[batch.size()];
            long[] y = new long[batch.size()];
            double wsum = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] = batch.get(i).weight();
                y[i] = batch.get(i).label();
                wsum += w[i];
            }
            NDArray weights = s.create(w);
            NDArray labels = s.create(y);
            NDArray loss;
            double lossSum;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = model.forward(store, inputs, true).get(0);
                NDArray nll = logits.logSoftmax(1).get(new NDIndex().addAllDim().addPickDim(labels)).reshape(-1).neg();
                NDArray weighted = nll.mul(weights).sum();
                lossSum = weighted.getFloat();
                loss = weighted.div((float) Math.max(wsum, 1e-12));
                gc.backward(loss);
            }
            if (!Double.isFinite(lossSum)) {
                throw new IllegalStateException("the training loss became " + lossSum + " at step " + step
                        + "; lower --lr or check the data (weights, labels)");
            }
            Map<String, NDArray> grads = new LinkedHashMap<>();
            double sq = 0;
            for (var e : p.entrySet()) {
                NDArray g = e.getValue().getGradient();
                grads.put(e.getKey(), g);
                sq += g.square().sum().getFloat();
            }
            double norm = Math.sqrt(sq);
            if (!Double.isFinite(norm)) {
                throw new IllegalStateException("the gradient norm became " + norm + " at step " + step);
            }
            float scale = clipNorm > 0 && norm > clipNorm ? (float) (clipNorm / norm) : 1f;
            adam.update(p, grads, lr, scale);
            zeros.forEach((name, mask) -> p.get(name).muli(mask));
            grads.values().forEach(g -> g.subi(g));
            return new double[] {lossSum, wsum};
        }
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
                out.put(name, e.getValue().neq(0f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
            }
        }
        return out;
    }

    /** Evaluation loss, accuracy and macro-F1. */
    private double[] evaluate(BertClassifier model, ParameterStore store, NDManager base, List<Example> eval, int labels,
            NDManager params, Set<NDArray> keep) {
        int[] gold = new int[eval.size()];
        int[] predicted = new int[eval.size()];
        double loss = 0;
        int batchSize = Math.max(1, config.batchSize() * 2);
        List<List<Example>> batches = Batches.inOrder(eval, batchSize);
        int k = 0;
        for (List<Example> batch : batches) {
            try (NDManager s = base.newSubManager()) {
                NDArray logits = model.forward(store, Batches.inputs(s, batch), false).get(0);
                NDArray logp = logits.logSoftmax(1);
                float[] lp = logp.toFloatArray();
                for (int i = 0; i < batch.size(); i++) {
                    int best = 0;
                    for (int c = 1; c < labels; c++) {
                        if (lp[i * labels + c] > lp[i * labels + best]) {
                            best = c;
                        }
                    }
                    gold[k] = batch.get(i).label();
                    predicted[k] = best;
                    loss -= lp[i * labels + gold[k]];
                    k++;
                }
            }
             cleanUp(params, keep);
        }
        double[] sc = EpochMetrics.score(gold, predicted, labels);
        return new double[] {eval.isEmpty() ? 0 : loss / eval.size(), sc[0], sc[1]};
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

    private List<Record> read(Path file) {
        List<Record> out = new ArrayList<>();
        ReadOptions ro = ReadOptions.defaults().withFields(config.fields());
        try (RecordReader r = CorpusReaders.open(file, ro)) {
            while (r.hasNext()) {
                out.add(r.next());
            }
        }
        return out;
    }

    private static List<String> labels(List<Record> records) {
        TreeSet<String> s = new TreeSet<>();
        records.forEach(r -> s.add(r.label()));
        return List.copyOf(s);
    }

    private List<Example> examples(List<Record> records, List<String> labels, TextEncoder enc, Path file, boolean train) {
        List<Example> out = new ArrayList<>(records.size());
        for (Record r : records) {
            if (r.text().isBlank()) {
                throw new InvalidInputException(file + ": record " + r.id() + " has an empty text");
            }
            int label = labels.indexOf(r.label());
            if (label < 0) {
                throw new InvalidInputException(file + ": record " + r.id() + " has the label '" + r.label()
                        + "', which the training data does not have (labels: " + labels + ")");
            }
            float weight = 1f;
            if (train && config.weightField() != null) {
                String v = r.attributes().get(config.weightField());
                if (v == null) {
                    throw new InvalidInputException(file + ": record " + r.id() + " has no weight field '"
                            + config.weightField() + "'");
                }
                try {
                    weight = Float.parseFloat(v);
                } catch (NumberFormatException e) {
                    weight = Float.NaN;
                }
                if (!Float.isFinite(weight) || weight < 0) {
                    throw new InvalidInputException(file + ": record " + r.id() + " has the weight '" + v
                            + "'; weights are finite numbers >= 0");
                }
            }
            long[][] enc2 = enc.encode(r.text());
            out.add(new Example(r.id(), enc2[0], enc2[1], label, weight));
        }
        return out;
    }

    /** Multiplies each example's weight by N / (classes x its class count). */
    private static List<Example> balance(List<Example> train, int labels) {
        long[] counts = new long[labels];
        train.forEach(e -> counts[e.label()]++);
        List<Example> out = new ArrayList<>(train.size());
        for (Example e : train) {
            float f = (float) train.size() / (labels * (float) counts[e.label()]);
            out.add(new Example(e.id(), e.ids(), e.types(), e.label(), e.weight() * f));
        }
        return out;
    }

    private void writeRunJson(PretrainedModel pre, List<String> labels, String trainSha, String evalSha,
            long truncatedTrain, long truncatedEval, int trainSize, int evalSize, int maxLength) throws IOException {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("schema", "debias.run/1");
        run.put("config", config.asMap());
        run.put("labels", labels);
        run.put("model_source", pre.source());
        run.put("model_sha256", pre.sha256());
        run.put("train_sha256", trainSha);
        run.put("eval_sha256", evalSha);
        run.put("train_records", trainSize);
        run.put("eval_records", evalSize);
        run.put("truncated_train", truncatedTrain);
        run.put("truncated_eval", truncatedEval);
        run.put("max_length_used", maxLength);
        run.put("mixed_precision", false);
        run.put("versions", Versions.all());
        AtomicFile.write(runDir.resolve(RUN_JSON), JSON.writeValueAsBytes(run));
    }

    /** The resumable state of a run after an epoch. */
    record State(int epoch, long step, double bestValue, int bestEpoch, int badEpochs, boolean stopped,
            List<EpochMetrics> history, String trainSha, String evalSha) {}

    /**
     * Writes the epoch's checkpoint as a whole: into {@code checkpoint-next/} (state last), then
     * {@code checkpoint/} becomes {@code checkpoint-prev/}, {@code checkpoint-next/} becomes
     * {@code checkpoint/}, and the previous one is removed. A kill at any moment leaves one complete
     * checkpoint that {@link #latestCheckpoint()} finds.
     */
    private void checkpoint(BertClassifier model, AdamW adam, State s) throws IOException {
        Path current = runDir.resolve(CHECKPOINT);
        Path next = runDir.resolve(CHECKPOINT + "-next");
        Path prev = runDir.resolve(CHECKPOINT + "-prev");
        FileTrees.delete(next);
        Files.createDirectories(next);
        SafeTensors.write(next.resolve(WEIGHTS), model.weights());
        SafeTensors.write(next.resolve("optimizer.safetensors"), adam.save());
        AtomicFile.write(next.resolve("state.json"), JSON.writeValueAsBytes(s));
        FileTrees.delete(prev);
        if (Files.exists(current)) {
            Files.move(current, prev, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(next, current, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        FileTrees.delete(prev);
        // derived from the state, so rewritten whole from it; a resumed run rewrites it again
        StringBuilder lines = new StringBuilder();
        for (EpochMetrics m : s.history) {
            lines.append(new ObjectMapper().writeValueAsString(m)).append('\n');
        }
        AtomicFile.write(runDir.resolve(METRICS), lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The last complete checkpoint: {@code checkpoint/}, or the one a kill left mid-swap; null when none. */
    private Path latestCheckpoint() {
        for (String name : List.of(CHECKPOINT, CHECKPOINT + "-next", CHECKPOINT + "-prev")) {
            Path dir = runDir.resolve(name);
            if (Files.isRegularFile(dir.resolve("state.json"))) {
                return dir;
            }
        }
        return null;
    }

    private State readState(String trainSha, String evalSha) throws IOException {
        Path dir = latestCheckpoint();
        if (dir == null) {
            return null;
        }
        State s = JSON.readValue(dir.resolve("state.json").toFile(), State.class);
        if (!s.trainSha.equals(trainSha) || !s.evalSha.equals(evalSha)) {
            throw new InvalidInputException(runDir + ": the training or evaluation data changed since the run "
                    + "started; start a new run instead of resuming");
        }
        return s;
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
