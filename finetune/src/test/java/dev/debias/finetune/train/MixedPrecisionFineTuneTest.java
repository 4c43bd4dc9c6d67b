package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.finetune.model.Precision;
import dev.debias.finetune.testing.TinyBert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuning the tiny BERT with bfloat16 matrix products: it learns, repeats itself, and says so in run.json. */
class MixedPrecisionFineTuneTest {
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

    @Test
    void bf16LearnsTheToyTaskRepeatsItselfAndIsRecorded() throws Exception {
        TrainConfig c = toy.config().toBuilder().optPrecision(Precision.BF16).build();
        RunResult r = FineTunerTest.run(c, dir.resolve("a"));
        assertTrue(r.epochs().get(r.epochs().size() - 1).trainLoss() < r.epochs().get(0).trainLoss(), r.epochs().toString());
        assertTrue(r.best().accuracy() >= 0.9, "accuracy " + r.best().accuracy());

        FineTunerTest.run(c, dir.resolve("b"));
        for (String f : List.of("model.safetensors", "checkpoint/optimizer.safetensors", "run.json")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)),
                    f + ": the same seed gives the same bytes in bf16");
        }
        assertEquals(0, InProcessRunsTest.openManagers(), "a bf16 run leaves no DJL manager open");
        JsonNode config = JSON.readTree(dir.resolve("a/run.json").toFile()).get("config");
        assertEquals("bf16", config.get("precision").asText());
        assertTrue(JSON.readTree(dir.resolve("a/run.json").toFile()).get("mixed_precision").asBoolean());
        assertEquals(Precision.BF16, RunDescription.read(dir.resolve("a/run.json")).config().precision());

        try (Predictor p = Predictor.load(dir.resolve("a")); Predictor q = Predictor.load(dir.resolve("a"), Precision.FP32)) {
            float[][] bf16 = p.predict(List.of(TinyBert.WORD_A + " is here", TinyBert.WORD_B + " is here"));
            float[][] fp32 = q.predict(List.of(TinyBert.WORD_A + " is here", TinyBert.WORD_B + " is here"));
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(fp32[i][j], bf16[i][j], 0.05, "bf16 and fp32 predictions of the bf16-trained model");
                }
            }
        }
    }

    @Test
    void fp32RunsWriteNoPrecisionAndAutoRecordsWhatItDecided() throws Exception {
        TrainConfig fp32 = toy.config().toBuilder().optEpochs(1).build();
        assertFalse(fp32.asMap().containsKey("precision"), "a default run's settings are as before");
        assertEquals(Precision.FP32, TrainConfig.fromMap(fp32.asMap()).precision());
        TrainConfig bf16 = fp32.toBuilder().optPrecision(Precision.BF16).build();
        assertEquals(bf16, TrainConfig.fromMap(bf16.asMap()));

        FineTunerTest.run(fp32.toBuilder().optPrecision(Precision.AUTO).build(), dir.resolve("auto"));
        Precision decided = Precision.AUTO.resolve(false, false);
        JsonNode config = JSON.readTree(dir.resolve("auto/run.json").toFile()).get("config");
        assertEquals(decided == Precision.FP32 ? null : decided.key(),
                config.has("precision") ? config.get("precision").asText() : null);
    }
}
