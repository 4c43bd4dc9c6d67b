package dev.debias.finetune.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights from one safetensors file or from shards, and the conversions a user is told about. */
class HuggingFaceDirectoryTest {
    @TempDir
    Path dir;

    private static Weights two() {
        return new Weights().put("a.weight", new long[] {2}, new float[] {1, 2}).put("b.bias", new long[] {1},
                new float[] {3});
    }

    @Test
    void shardsAreReadAsOneSetOfWeights() throws Exception {
        SafeTensors.write(dir.resolve("model-00001-of-00002.safetensors"),
                new Weights().put("a.weight", new long[] {2}, new float[] {1, 2}));
        SafeTensors.write(dir.resolve("model-00002-of-00002.safetensors"),
                new Weights().put("b.bias", new long[] {1}, new float[] {3}));
        Files.writeString(dir.resolve(HuggingFaceDirectory.INDEX), """
                {"metadata": {"total_size": 12}, "weight_map": {"b.bias": "model-00002-of-00002.safetensors",
                 "a.weight": "model-00001-of-00002.safetensors"}}""");
        HuggingFaceDirectory.Loaded sharded = HuggingFaceDirectory.weights(dir);
        assertArrayEquals(new float[] {1, 2}, sharded.weights().get("a.weight").data());
        assertArrayEquals(new float[] {3}, sharded.weights().get("b.bias").data());
        // a single file wins over an index, and the two are told apart by their hashes
        SafeTensors.write(dir.resolve(HuggingFaceDirectory.WEIGHTS), two());
        HuggingFaceDirectory.Loaded single = HuggingFaceDirectory.weights(dir);
        assertEquals(2, single.weights().size());
        assertNotEquals(sharded.sha256(), single.sha256());
    }

    @Test
    void anIndexNamingAMissingShardOrTensorIsAnError() throws Exception {
        Files.writeString(dir.resolve(HuggingFaceDirectory.INDEX), "{\"weight_map\": {\"a.weight\": \"s1.safetensors\"}}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HuggingFaceDirectory.weights(dir));
        assertTrue(e.getMessage().endsWith("s1.safetensors: missing (a shard that model.safetensors.index.json names)"),
                e.getMessage());
        SafeTensors.write(dir.resolve("s1.safetensors"), new Weights().put("other", new long[] {1}, new float[] {0}));
        e = assertThrows(InvalidInputException.class, () -> HuggingFaceDirectory.weights(dir));
        assertTrue(e.getMessage().contains("tensor a.weight is not in its shard s1.safetensors"), e.getMessage());
        Files.writeString(dir.resolve(HuggingFaceDirectory.INDEX), "{\"weight_map\": {\"a.weight\": \"../x\"}}");
        e = assertThrows(InvalidInputException.class, () -> HuggingFaceDirectory.weights(dir));
        assertTrue(e.getMessage().contains("shard '../x' is not a file name"), e.getMessage());
    }

    @Test
    void pytorchWeightsAndSlowTokenizersSayHowToConvert() throws Exception {
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {1, 2, 3});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HuggingFaceDirectory.weights(dir));
        assertTrue(e.getMessage().contains("debias reads safetensors weights, not pytorch_model.bin; save it with "
                + "safe_serialization=True"), e.getMessage());
        Files.writeString(dir.resolve("vocab.txt"), "[PAD]\n");
        e = assertThrows(InvalidInputException.class, () -> HuggingFaceDirectory.tokenizer(dir));
        assertTrue(e.getMessage().contains("tokenizer.json: missing; the directory has vocab.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("AutoTokenizer.from_pretrained(DIR).save_pretrained(DIR)"), e.getMessage());
        Files.delete(dir.resolve("vocab.txt"));
        e = assertThrows(InvalidInputException.class, () -> HuggingFaceDirectory.tokenizer(dir));
        assertTrue(e.getMessage().endsWith("tokenizer.json: missing (the tokenizer)"), e.getMessage());
    }
}
