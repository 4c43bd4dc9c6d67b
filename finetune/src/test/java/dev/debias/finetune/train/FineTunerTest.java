package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.debias.core.ArtifactProvenance;
import dev.debias.core.Hashing;
import dev.debias.corpus.Record;
import dev.debias.finetune.testing.TinyBert;
import dev.debias.finetune.model.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuning the tiny BERT on the toy task: learning, the run directory, determinism, record and class weights. */
class FineTunerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static TinyBert.Toy toy;

    @BeforeAll
    static void setUp() throws IOException {
        toy = TinyBert.toy(shared);
    }

    static RunResult run(TrainConfig c, Path runDir) throws IOException {
        return FineTuner.builder().setConfig(c).setRunDir(runDir).build().run();
    }

    /** The config with other epochs, weight field, class balancing, seed. */
    static TrainConfig with(TrainConfig c, int epochs, String weightField, boolean balanced, long seed) {
        return c.toBuilder().optWeightField(weightField).optEpochs(epochs).optClassBalanced(balanced).optSeed(seed)
                .build();
    }

    static TrainConfig withData(TrainConfig c, Path train) {
        return c.toBuilder().setTrain(train).build();
    }

    /** metrics.jsonl without the wall-clock field, which no two runs share. */
    static List<JsonNode> metricsWithoutTime(Path runDir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : TinyBert.lines(runDir.resolve(FineTuner.METRICS))) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            assertTrue(n.has("seconds"), line);
            n.remove("seconds");
            out.add(n);
        }
        return out;
    }

    static byte[] bytes(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    @Test
    void learnsTheToyTaskAndWritesTheRunDirectory() throws Exception {
        Path runDir = dir.resolve("run");
        TrainConfig c = toy.config();
        RunResult r = run(c, runDir);

        assertEquals(List.of("alpha", "beta"), r.labels());
        assertEquals(4, r.epochs().size());
        for (int i = 1; i < 4; i++) {
            assertTrue(r.epochs().get(i).trainLoss() < r.epochs().get(i - 1).trainLoss(), "train loss falls: " + r.epochs());
            assertEquals(13L * (i + 1), r.epochs().get(i).steps(), "200 examples in batches of 16: 13 steps an epoch");
        }
        assertTrue(r.epochs().get(3).evalLoss() < r.epochs().get(0).evalLoss() / 2, "eval loss falls: " + r.epochs());
        assertTrue(r.best().accuracy() >= 0.9, "accuracy " + r.best().accuracy());
        assertTrue(r.epochs().get(3).accuracy() >= 0.9, r.epochs().toString());
        assertFalse(r.stoppedEarly());
        assertEquals(0, r.resumedFromEpoch());
        assertEquals(0, r.truncatedTrain());
        assertEquals(runDir, r.runDir());

        for (String f : List.of("run.json", "config.json", "tokenizer.json", "model.safetensors", "metrics.jsonl",
                "checkpoint/model.safetensors", "checkpoint/optimizer.safetensors", "checkpoint/state.json")) {
            assertTrue(Files.isRegularFile(runDir.resolve(f)), f);
        }
        JsonNode run = JSON.readTree(runDir.resolve("run.json").toFile());
        assertEquals("debias.run/1", run.get("schema").asText());
        assertEquals(c.asMap(), JSON.convertValue(run.get("config"), Map.class));
        assertEquals(List.of("alpha", "beta"), JSON.convertValue(run.get("labels"), List.class));
        assertEquals(200, run.get("train_records").asInt());
        assertEquals(60, run.get("eval_records").asInt());
        assertEquals(toy.model().toString(), run.get("model_source").asText());
        // model.safetensors carries the provenance sidecar of every other debias artifact
        ArtifactProvenance prov = ArtifactProvenance.read(ArtifactProvenance.sidecarOf(runDir.resolve("model.safetensors")));
        assertEquals(FineTuner.OPERATION, prov.operation());
        assertEquals(c.asMap(), prov.config());
        assertEquals(Map.of("model", run.get("model_sha256").asText(), "train", Hashing.sha256(c.train()), "eval",
                Hashing.sha256(c.eval())), prov.inputs());
        assertEquals(Hashing.sha256(runDir.resolve("model.safetensors")), prov.outputSha256());
        assertEquals(-1, prov.records());
        assertArrayEquals(bytes(toy.model().resolve("tokenizer.json")), bytes(runDir.resolve("tokenizer.json")));
        assertEquals(TinyBert.CONFIG, dev.debias.finetune.model.BertConfig.read(runDir.resolve("config.json")));
        assertEquals(4, metricsWithoutTime(runDir).size());
        assertEquals(r.epochs().get(3).trainLoss(), metricsWithoutTime(runDir).get(3).get("trainLoss").asDouble());
        var saved = SafeTensors.read(runDir.resolve("model.safetensors"));
        assertEquals(TinyBert.randomWeights(11).size() + 2, saved.size(), "encoder and head");
        assertArrayEquals(new long[] {2, 32}, saved.get("classifier.weight").shape());
        if (r.bestEpoch() == 4) {
            assertArrayEquals(bytes(runDir.resolve("model.safetensors")), bytes(runDir.resolve("checkpoint/model.safetensors")));
        }

        // the saved weights, loaded by Predictor, give exactly the predictions the trainer scored at the best epoch
        List<Record> eval = new ArrayList<>();
        try (var reader = dev.debias.corpus.CorpusReaders.open(toy.eval(),
                dev.debias.corpus.ReadOptions.defaults().withFields(TinyBert.FIELDS))) {
            reader.forEachRemaining(eval::add);
        }
        try (Predictor p = Predictor.load(runDir)) {
            assertEquals(List.of("alpha", "beta"), p.labels());
            float[][] probs = p.predict(eval.stream().map(Record::text).toList());
            assertEquals(60, probs.length);
            int correct = 0;
            double nll = 0;
            for (int i = 0; i < probs.length; i++) {
                assertEquals(1.0, probs[i][0] + probs[i][1], 1e-5);
                int pred = probs[i][1] > probs[i][0] ? 1 : 0;
                int gold = p.labels().indexOf(eval.get(i).label());
                correct += pred == gold ? 1 : 0;
                nll -= Math.log(probs[i][gold]);
            }
            assertEquals(r.best().accuracy(), correct / 60.0, 1e-12);
            assertEquals(r.best().evalLoss(), nll / 60, 1e-4);
            // new texts: the key word decides
            float[][] fresh = p.predict(List.of("My dog likes the apple.", "The banana is very yellow today."));
            assertTrue(fresh[0][0] > 0.5 && fresh[1][1] > 0.5, java.util.Arrays.deepToString(fresh));
            // predicting the same texts in another batch composition gives the same probabilities
            float[][] one = p.predict(List.of(eval.get(7).text()));
            assertArrayEquals(probs[7], one[0], 1e-5f);
        }

        // a run directory is also a model directory: a new fine-tune starts from its encoder with a fresh head
        TrainConfig again = c.toBuilder().setModel(runDir.toString()).optWeightField(null).optEpochs(1)
                .optClassBalanced(false).optPatience(0).optSeed(5).build();
        RunResult second = run(again, dir.resolve("second"));
        assertEquals(runDir.toString(), JSON.readTree(dir.resolve("second/run.json").toFile()).get("model_source").asText());
        assertTrue(second.epochs().get(0).accuracy() >= 0.9, "the tuned encoder separates the classes at once: "
                + second.epochs());
        assertTrue(second.epochs().get(0).accuracy() > r.epochs().get(0).accuracy() || r.epochs().get(0).accuracy() >= 0.9);
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnother() throws Exception {
        TrainConfig c = with(toy.config(), 2, null, false, 1);
        run(c, dir.resolve("a"));
        run(c, dir.resolve("b"));
        run(with(c, 2, null, false, 2), dir.resolve("c"));
        for (String f : List.of("model.safetensors", "checkpoint/model.safetensors", "checkpoint/optimizer.safetensors",
                "tokenizer.json", "config.json", "run.json", "model.safetensors.provenance.json")) {
            assertArrayEquals(bytes(dir.resolve("a").resolve(f)), bytes(dir.resolve("b").resolve(f)), f);
        }
        assertEquals(metricsWithoutTime(dir.resolve("a")), metricsWithoutTime(dir.resolve("b")));
        assertFalse(java.util.Arrays.equals(bytes(dir.resolve("a/model.safetensors")), bytes(dir.resolve("c/model.safetensors"))));
        assertFalse(metricsWithoutTime(dir.resolve("a")).equals(metricsWithoutTime(dir.resolve("c"))));
    }

    /** The toy training records with a weight attribute from {@code weightOf}. */
    private Path weighted(String name, java.util.function.Function<Record, String> weightOf) throws IOException {
        List<Record> out = new ArrayList<>();
        for (Record r : TinyBert.toy("t", 200, 1, 2)) {
            out.add(r.withAttribute("weight", weightOf.apply(r)));
        }
        return TinyBert.write(dir.resolve(name), out);
    }

    @Test
    void recordWeightsScaleTheLossAndOnlyTheirRatiosMatter() throws Exception {
        TrainConfig plain = with(toy.config(), 1, null, false, 1);
        RunResult base = run(plain, dir.resolve("plain"));
        // every weight 2: the loss is normalized by the batch's weight sum, so nothing changes
        RunResult twice = run(with(withData(plain, weighted("w2.jsonl", r -> "2")), 1, "weight", false, 1),
                dir.resolve("twice"));
        assertArrayEquals(bytes(dir.resolve("plain/model.safetensors")), bytes(dir.resolve("twice/model.safetensors")));
        assertEquals(base.epochs().get(0).trainLoss(), twice.epochs().get(0).trainLoss(), 1e-7);
        // unequal weights change the run
        RunResult skewed = run(with(withData(plain, weighted("ws.jsonl", r -> r.label().equals("beta") ? "0.25" : "1.5")),
                1, "weight", false, 1), dir.resolve("skewed"));
        assertFalse(java.util.Arrays.equals(bytes(dir.resolve("plain/model.safetensors")),
                bytes(dir.resolve("skewed/model.safetensors"))));
        assertTrue(Double.isFinite(skewed.epochs().get(0).trainLoss()));
        JsonNode run = JSON.readTree(dir.resolve("skewed/run.json").toFile());
        assertEquals("weight", run.get("config").get("weight_field").asText());
        // a weight of 0 drops a record from the loss: zero-weighting every beta record leaves the model blind to beta
        RunResult zero = run(with(withData(toy.config(), weighted("w0.jsonl", r -> r.label().equals("beta") ? "0" : "1")),
                4, "weight", false, 1), dir.resolve("zero"));
        try (Predictor p = Predictor.load(dir.resolve("zero"))) {
            float[][] probs = p.predict(List.of("My dog likes the banana.", "The banana is very yellow today."));
            assertTrue(probs[0][0] > 0.5 && probs[1][0] > 0.5, "only alpha was ever rewarded: "
                    + java.util.Arrays.deepToString(probs) + " " + zero.epochs());
        }
    }

    @Test
    void classBalancingReweighsImbalancedClassesAndLeavesBalancedOnesAlone() throws Exception {
        TrainConfig plain = with(toy.config(), 1, null, false, 1);
        run(plain, dir.resolve("plain"));
        run(with(plain, 1, null, true, 1), dir.resolve("balanced"));
        assertArrayEquals(bytes(dir.resolve("plain/model.safetensors")), bytes(dir.resolve("balanced/model.safetensors")),
                "100/100 classes: every factor is exactly 1");

        // 50 beta, 150 alpha
        Path skewed = TinyBert.write(dir.resolve("skewed.jsonl"), TinyBert.toy("t", 200, 1, 4));
        RunResult u = run(withData(with(plain, 4, null, false, 1), skewed), dir.resolve("skewed-plain"));
        RunResult b = run(withData(with(plain, 4, null, true, 1), skewed), dir.resolve("skewed-balanced"));
        assertFalse(java.util.Arrays.equals(bytes(dir.resolve("skewed-plain/model.safetensors")),
                bytes(dir.resolve("skewed-balanced/model.safetensors"))));
        assertTrue(u.epochs().get(0).trainLoss() != b.epochs().get(0).trainLoss());
        assertTrue(b.best().accuracy() >= 0.9, "the balanced run learns: " + b.epochs());
        assertEquals("true", JSON.readTree(dir.resolve("skewed-balanced/run.json").toFile()).get("config")
                .get("class_balanced").asText());
    }

    @Test
    void patienceStopsEarlyAndKeepsTheBestEpoch() throws Exception {
        TrainConfig c = toy.config();
        // a learning rate too small to move any prediction: epoch 2 does not improve on epoch 1
        TrainConfig slow = c.toBuilder().optWeightField(null).optEpochs(4).optBatchSize(16).optMaxLength(32)
                .optLearningRate(1e-7).optWeightDecay(0.01).optWarmupFraction(0.1).optClipNorm(1.0).optClassBalanced(false)
                .optPatience(1).optMetric(Metric.ACCURACY).optDropout(0.1f).optDevice(ComputeDevice.CPU).optSeed(1)
                .build();
        RunResult r = run(slow, dir.resolve("slow"));
        assertTrue(r.stoppedEarly());
        assertEquals(2, r.epochs().size());
        assertEquals(1, r.bestEpoch());
        assertTrue(r.epochs().get(0).best());
        assertFalse(r.epochs().get(1).best());
        assertEquals(2, TinyBert.lines(dir.resolve("slow/metrics.jsonl")).size());
        // model.safetensors holds epoch 1, the checkpoint epoch 2
        assertFalse(java.util.Arrays.equals(bytes(dir.resolve("slow/model.safetensors")),
                bytes(dir.resolve("slow/checkpoint/model.safetensors"))));
        JsonNode state = JSON.readTree(dir.resolve("slow/checkpoint/state.json").toFile());
        assertEquals(2, state.get("epoch").asInt());
        assertTrue(state.get("stopped").asBoolean());
    }
}
