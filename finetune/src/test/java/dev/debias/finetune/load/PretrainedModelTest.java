package dev.debias.finetune.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.finetune.testing.TinyBert;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a model directory, and the message for each missing or broken file. */
class PretrainedModelTest {
    @TempDir
    Path dir;

    @Test
    void aModelDirectoryLoads() throws Exception {
        Path m = TinyBert.writeModel(dir.resolve("tiny"), 5);
        PretrainedModel p = PretrainedModel.load(m.toString());
        assertEquals(TinyBert.CONFIG, p.config());
        assertEquals(m.toString(), p.source());
        assertEquals(Hashing.sha256(m.resolve("model.safetensors")), p.sha256());
        assertArrayEquals(Files.readAllBytes(m.resolve("tokenizer.json")), p.tokenizerJson());
        assertArrayEquals(TinyBert.randomWeights(5).get("encoder.layer.1.output.dense.weight").data(),
                p.weights().get("encoder.layer.1.output.dense.weight").data());
    }

    @Test
    void eachMissingFileIsNamed() throws Exception {
        for (String f : new String[] {"config.json", "model.safetensors", "tokenizer.json"}) {
            Path m = TinyBert.writeModel(dir.resolve("without-" + f), 5);
            Files.delete(m.resolve(f));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> PretrainedModel.load(m.toString()));
            assertTrue(e.getMessage().contains(m.resolve(f) + ": missing"), e.getMessage());
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PretrainedModel.load(dir.resolve("nowhere").toString()));
        assertTrue(e.getMessage().contains("no such model"), e.getMessage());
    }

    @Test
    void corruptedWeightsAreRefusedNamingTheFile() throws Exception {
        Path m = TinyBert.writeModel(dir.resolve("nan"), 5);
        var w = TinyBert.randomWeights(5);
        float[] emb = w.get("embeddings.LayerNorm.weight").data().clone();
        emb[3] = Float.NaN;
        w.put("embeddings.LayerNorm.weight", w.get("embeddings.LayerNorm.weight").shape(), emb);
        dev.debias.finetune.model.SafeTensors.write(m.resolve("model.safetensors"), w);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PretrainedModel.load(m.toString()));
        assertTrue(e.getMessage().contains("model.safetensors: tensor embeddings.LayerNorm.weight holds NaN"), e.getMessage());
    }
}
