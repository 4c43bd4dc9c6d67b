package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import dev.debias.finetune.testing.TinyBert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tuning a model an upstream intervention wrote: magnitude-pruned weights stay pruned, and a
 * projection learned on one pooling refuses a run with another and travels into the run otherwise.
 */
class UpstreamFineTuneTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static TinyBert.Toy toy;

    @BeforeAll
    static void setUp() throws IOException {
        toy = TinyBert.toy(shared);
    }

    /** The toy config on another model, with another pooling and number of epochs. */
    private static TrainConfig config(Path model, Pooling pooling, int epochs) {
        TrainConfig c = toy.config();
        return c.toBuilder().setModel(model.toString()).optEpochs(epochs).optPooling(pooling).build();
    }

    private static RunResult run(TrainConfig c, Path runDir) throws IOException {
        return FineTuner.builder().setConfig(c).setRunDir(runDir).build().run();
    }

    /** A model directory: the toy model's config and tokenizer with these weights (and upstream.json when given). */
    private static Path modelDir(Path dir, Weights w, String upstreamJson) throws IOException {
        Files.createDirectories(dir);
        Files.copy(toy.model().resolve("config.json"), dir.resolve("config.json"));
        Files.copy(toy.model().resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        SafeTensors.write(dir.resolve("model.safetensors"), w);
        if (upstreamJson != null) {
            Files.writeString(dir.resolve("upstream.json"), upstreamJson);
        }
        return dir;
    }

    private static Weights toyWeights() throws IOException {
        return SafeTensors.read(toy.model().resolve("model.safetensors"));
    }

    private static boolean encoderLinear(String name) {
        return name.startsWith("encoder.layer.") && name.endsWith(".weight") && !name.contains("LayerNorm");
    }

    /** The toy weights with the smaller half (by |w|) of every encoder linear weight set to 0. */
    private static Weights pruned() throws IOException {
        Weights out = new Weights();
        toyWeights().all().forEach((name, t) -> {
            float[] d = t.data().clone();
            if (encoderLinear(name)) {
                Integer[] order = new Integer[d.length];
                for (int i = 0; i < d.length; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> Float.compare(Math.abs(d[a]), Math.abs(d[b])));
                for (int i = 0; i < d.length / 2; i++) {
                    d[order[i]] = 0f;
                }
            }
            out.put(name, t.shape(), d);
        });
        return out;
    }

    private static int zeros(float[] d) {
        int n = 0;
        for (float v : d) {
            n += v == 0f ? 1 : 0;
        }
        return n;
    }

    @Test
    void aMagnitudePrunedModelStaysPruned() throws Exception {
        Weights pruned = pruned();
        List<String> linear = pruned.all().keySet().stream().filter(UpstreamFineTuneTest::encoderLinear).toList();
        assertEquals(12, linear.size(), "q, k, v, attention output, intermediate, output; 2 layers");
        for (String name : linear) {
            float[] d = pruned.get(name).data();
            assertEquals(d.length / 2, zeros(d), name);
        }
        Weights flagged = new Weights();
        pruned.all().forEach((k, t) -> flagged.put(k, t.shape(), t.data()));
        flagged.put(BertClassifier.WEIGHT_SPARSITY, new long[] {1}, new float[] {0.5f});
        Path model = modelDir(dir.resolve("pruned"), flagged, null);

        Path runDir = dir.resolve("run");
        RunResult r = run(config(model, Pooling.MEAN, 4), runDir);
        assertTrue(r.best().accuracy() >= 0.8, "a half-pruned model still learns the toy task: " + r.epochs());
        Weights trained = SafeTensors.read(runDir.resolve(FineTuner.WEIGHTS));
        for (String name : linear) {
            float[] before = pruned.get(name).data();
            float[] after = trained.get(name).data();
            int changed = 0;
            for (int i = 0; i < before.length; i++) {
                assertEquals(before[i] == 0f, after[i] == 0f, name + "[" + i + "]: " + before[i] + " -> " + after[i]);
                changed += before[i] != 0f && before[i] != after[i] ? 1 : 0;
            }
            assertTrue(changed > 0.9 * (before.length / 2), name + ": " + changed + " of " + before.length / 2
                    + " kept weights changed");
        }
        assertNotNull(trained.get(BertClassifier.WEIGHT_SPARSITY), "the run's weights say they are pruned");
        assertArrayEquals(new float[] {0.5f}, trained.get(BertClassifier.WEIGHT_SPARSITY).data());
        // the checkpoint too (a resumed run keeps the zeros from it)
        Weights ckpt = SafeTensors.read(runDir.resolve("checkpoint").resolve(FineTuner.WEIGHTS));
        assertArrayEquals(new float[] {0.5f}, ckpt.get(BertClassifier.WEIGHT_SPARSITY).data());
        assertEquals(zeros(pruned.get(linear.get(0)).data()), zeros(ckpt.get(linear.get(0)).data()));

        // without the flag the pruned positions fill up again (so the comparison above could fail)
        Path unflagged = modelDir(dir.resolve("unflagged"), pruned, null);
        Path free = dir.resolve("free");
        run(config(unflagged, Pooling.MEAN, 1), free);
        Weights t = SafeTensors.read(free.resolve(FineTuner.WEIGHTS));
        assertNull(t.get(BertClassifier.WEIGHT_SPARSITY));
        for (String name : linear) {
            assertTrue(zeros(t.get(name).data()) < pruned.get(name).data().length / 10, name);
        }
    }

    /** A random hidden x hidden matrix. */
    private static float[] projection() {
        int h = TinyBert.CONFIG.hiddenSize();
        SplittableRandom random = new SplittableRandom(13);
        float[] p = new float[h * h];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (random.nextGaussian() / Math.sqrt(h));
        }
        return p;
    }

    @Test
    void aProjectionLearnedOnClsVectorsNeedsClsPoolingAndTravelsIntoTheRun() throws Exception {
        Weights w = toyWeights();
        float[] p = projection();
        int h = TinyBert.CONFIG.hiddenSize();
        w.put(BertClassifier.PROJECTION, new long[] {h, h}, p);
        Path model = modelDir(dir.resolve("projected"), w, "{\"method\": \"inlp\", \"pooling\": \"cls\"}");

        Path wrong = dir.resolve("wrong");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(config(model, Pooling.MEAN, 1), wrong));
        assertTrue(e.getMessage().contains("; pass " + Setting.POOLING + " cls"), e.getMessage());
        assertTrue(e.getMessage().contains(model.toString()), e.getMessage());
        assertFalse(Files.exists(wrong.resolve(FineTuner.RUN_JSON)), "refused before anything was written");

        Path runDir = dir.resolve("run");
        RunResult r = run(config(model, Pooling.CLS, 2), runDir);
        assertEquals(2, r.epochs().size());
        Weights trained = SafeTensors.read(runDir.resolve(FineTuner.WEIGHTS));
        assertNotNull(trained.get(BertClassifier.PROJECTION), "the run's weights hold the projection");
        assertArrayEquals(new long[] {h, h}, trained.get(BertClassifier.PROJECTION).shape());
        assertArrayEquals(p, trained.get(BertClassifier.PROJECTION).data(), "fine-tuning does not train the projection");
        try (Predictor predictor = Predictor.load(runDir)) {
            assertEquals(Pooling.CLS, predictor.model().pooling());
            assertArrayEquals(p, predictor.model().projection(), "the predictor applies it");
            float[][] probs = predictor.predict(List.of("The apple is red.", "The banana is red."));
            assertEquals(2, probs.length);
        }
        // a SentenceEncoder over the run keeps the run's pooling and the projection
        try (SentenceEncoder enc = SentenceEncoder.load(runDir.toString())) {
            assertEquals(Pooling.CLS, enc.pooling());
            assertArrayEquals(p, enc.model().projection());
        }
    }

    @Test
    void anUpstreamPoolingWithoutProjectionRestrictsNothing() throws Exception {
        Path model = modelDir(dir.resolve("masked"), toyWeights(), "{\"pooling\": \"cls\"}");
        RunResult r = run(config(model, Pooling.MEAN, 1), dir.resolve("run"));
        assertEquals(1, r.epochs().size());
        // a broken upstream.json is an input error naming the file
        Files.writeString(model.resolve("upstream.json"), "{\"pooling\": \"max\"}");
        List<String> messages = new ArrayList<>();
        messages.add(assertThrows(InvalidInputException.class, () -> run(config(model, Pooling.MEAN, 1), dir.resolve("r2")))
                .getMessage());
        Files.writeString(model.resolve("upstream.json"), "{\"method\": \"inlp\"}");
        messages.add(assertThrows(InvalidInputException.class, () -> run(config(model, Pooling.MEAN, 1), dir.resolve("r3")))
                .getMessage());
        for (String m : messages) {
            assertTrue(m.contains("upstream.json"), m);
        }
    }
}
