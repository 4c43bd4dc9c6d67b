package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.ModelFamily;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.testing.TinyBert;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny DeBERTa-v3-shaped model (relative attention with log buckets, no token types, no absolute
 * positions) read from a Hugging Face directory under DeBERTa's names learns the toy task with its own
 * first-token head (ContextPooler), and its run predicts.
 */
class DebertaFineTuneTest {
    @TempDir
    Path dir;

    @Test
    void aTinyDebertaFineTunesAndPredicts() throws Exception {
        Path model = TinyBert.writeModel(dir.resolve("tiny-deberta"), 11, ModelFamily.DEBERTA_V2);
        assertEquals(TinyBert.config(ModelFamily.DEBERTA_V2), PretrainedModel.load(model.toString()).config());
        TinyBert.Toy toy = TinyBert.toy(dir.resolve("toy"));
        Path run = dir.resolve("run");
        RunResult r = FineTuner.builder().setConfig(toy.config().toBuilder().setModel(model.toString())
                .optPooling(Pooling.CLS).build()).setRunDir(run).build().run();
        assertEquals(4, r.epochs().size());
        assertTrue(r.epochs().get(3).trainLoss() < r.epochs().get(0).trainLoss(), "train loss falls: " + r.epochs());
        assertTrue(r.best().accuracy() >= 0.9, "accuracy " + r.best().accuracy() + ": " + r.epochs());
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
