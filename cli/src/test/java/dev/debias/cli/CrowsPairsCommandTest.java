package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import dev.debias.finetune.testing.TinyBert;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code debias evaluate intrinsic --crows-pairs} on a tiny BERT with and without a masked-LM head. */
class CrowsPairsCommandTest {
    @TempDir
    Path dir;

    private Path csv() throws Exception {
        Path f = dir.resolve("crows.csv");
        Files.writeString(f, ",sent_more,sent_less,stereo_antistereo,bias_type\n"
                + "0,He likes the dog.,She likes the dog.,stereo,gender\n"
                + "1,The old man is happy.,The new man is happy.,antistereo,age\n");
        return f;
    }

    @Test
    void scoresPairsAndWritesJson() throws Exception {
        Path model = TinyBert.writeModel(dir.resolve("m"), 3);
        Weights w = TinyBert.randomWeights(3);
        int h = TinyBert.CONFIG.hiddenSize();
        // LayerNorm of zeros: every logit 0, so each pair ties
        w.put("cls.predictions.transform.dense.weight", new long[] {h, h}, new float[h * h]);
        w.put("cls.predictions.transform.dense.bias", new long[] {h}, new float[h]);
        w.put("cls.predictions.transform.LayerNorm.weight", new long[] {h}, new float[h]);
        w.put("cls.predictions.transform.LayerNorm.bias", new long[] {h}, new float[h]);
        w.put("cls.predictions.bias", new long[] {TinyBert.CONFIG.vocabSize()}, new float[TinyBert.CONFIG.vocabSize()]);
        SafeTensors.write(model.resolve("model.safetensors"), w);
        Path json = dir.resolve("crows.json");
        CliTest.Run r = EvaluateCommandTest.debias("evaluate", "intrinsic", "--crows-pairs", csv().toString(), "--model",
                model.toString(), "--batch-size", "3", "--seed", "2", "--out", json.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("CrowS-Pairs: 2 pairs"), r.out());
        var node = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, node.path("overall").path("pairs").asInt());
        assertEquals(2, node.path("overall").path("ties").asInt());
        assertEquals(0.0, node.path("overall").path("score").path("value").asDouble(), 1e-12);
    }

    @Test
    void modelWithoutHeadIsBadInput() throws Exception {
        Path model = TinyBert.writeModel(dir.resolve("plain"), 3);
        CliTest.Run r = EvaluateCommandTest.debias("evaluate", "intrinsic", "--crows-pairs", csv().toString(), "--model",
                model.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("has no masked-LM head (cls.predictions.* or lm_head.*)"), r.err());
    }
}
