package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.ModelFamily;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import dev.debias.finetune.testing.TinyBert;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny ModernBERT (rotary positions, layer 1 local with a window of +-2, GeGLU, no biases) read from a
 * Hugging Face directory under ModernBERT's names learns the toy task with its own head (dense, gelu,
 * {@code head.norm}) on mean-pooled vectors, as {@code classifier_pooling: mean} does, and its run predicts.
 */
class ModernBertFineTuneTest {
    @TempDir
    Path dir;

    @Test
    void aTinyModernBertFineTunesWithItsMeanPooledHeadAndPredicts() throws Exception {
        Path model = TinyBert.writeModel(dir.resolve("tiny-modernbert"), 11, ModelFamily.MODERNBERT);
        assertEquals(TinyBert.config(ModelFamily.MODERNBERT), PretrainedModel.load(model.toString()).config());
        TinyBert.Toy toy = TinyBert.toy(dir.resolve("toy"));
        Path run = dir.resolve("run");
        RunResult r = FineTuner.builder().setConfig(toy.config().toBuilder().setModel(model.toString())
                .optPooling(Pooling.MEAN).build()).setRunDir(run).build().run();
        assertEquals(4, r.epochs().size());
        assertTrue(r.epochs().get(3).trainLoss() < r.epochs().get(0).trainLoss(), "train loss falls: " + r.epochs());
        assertTrue(r.best().accuracy() >= 0.9, "accuracy " + r.best().accuracy() + ": " + r.epochs());
        Weights saved = SafeTensors.read(run.resolve(FineTuner.WEIGHTS));
        assertTrue(saved.get("pooler.dense.weight") != null && saved.get("pooler.norm.weight") != null,
                "the run keeps ModernBERT's head: " + saved.all().keySet());
        try (Predictor p = Predictor.load(run)) {
            float[][] probs = p.predict(List.of("the red apple is on the table .", "she likes a banana and the cat ."));
            for (float[] row : probs) {
                assertEquals(1.0, row[0] + row[1], 1e-5);
            }
            assertTrue(probs[0][0] > 0.5 && probs[1][1] > 0.5, "apple is alpha, banana beta: "
                    + java.util.Arrays.deepToString(probs));
        }
    }
}
