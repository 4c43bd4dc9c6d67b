package dev.debias.evaluate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.evaluate.group.PredictionColumns;
import dev.debias.finetune.testing.TinyBert;
import dev.debias.finetune.train.FineTuner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation refuses a model whose run did not finish (naming the run and {@link Setting#RESUME}),
 * and names an input that exists but is no regular file (a pipe) as such, not as a missing file.
 */
class EvaluatorRunInputsTest {
    private static final PredictionColumns COLUMNS = new PredictionColumns("label", "prediction", List.of("gender"), null,
            "text");

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static TinyBert.Toy toy;
    private static Path runDir;

    @BeforeAll
    static void trainToyRun() throws IOException {
        toy = TinyBert.toy(shared);
        Path train = TinyBert.write(shared.resolve("small-train.jsonl"), TinyBert.toy("t", 48, 1, 2));
        runDir = shared.resolve("run");
        FineTuner.builder().setConfig(toy.config().toBuilder().setTrain(train).optEpochs(1).build()).setRunDir(runDir)
                .build().run();
    }

    @Test
    void anUnfinishedRunIsRefusedNamingResume() throws Exception {
        Path runJson = runDir.resolve(FineTuner.RUN_JSON);
        String json = Files.readString(runJson);
        assertTrue(json.contains("\"finished\" : true"), json);
        try {
            Files.writeString(runJson, json.replace("\"finished\" : true", "\"finished\" : false"));
            // with predictions to read, the model is only described, not loaded: still refused
            Path preds = TinyBert.write(dir.resolve("p.jsonl"), TinyBert.toy("e", 4, 2, 2));
            for (Evaluator.Builder b : List.of(Evaluator.builder().optModel(runDir).optInput(toy.eval()),
                    Evaluator.builder().optModel(runDir).optPredictions(preds))) {
                String m = assertThrows(InvalidInputException.class, () -> b.optColumns(COLUMNS).build().run())
                        .getMessage();
                assertTrue(m.contains(runDir + ": the fine-tuning run did not finish")
                        && m.contains(Setting.RESUME.mention()), m);
            }
        } finally {
            Files.writeString(runJson, json);
        }
    }

    @Test
    void aPipeAsPredictionsIsNamedAsNoRegularFile() throws Exception {
        Path fifo = dir.resolve("preds.jsonl");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0,
                "mkfifo is not available");
        String m = assertThrows(InvalidInputException.class,
                () -> Evaluator.builder().optPredictions(fifo).optColumns(COLUMNS).build().run()).getMessage();
        assertTrue(m.contains(fifo + ": is not a regular file"), m);
        assertFalse(m.contains("no such file"), m);
        Path missing = dir.resolve("none.jsonl");
        m = assertThrows(InvalidInputException.class,
                () -> Evaluator.builder().optPredictions(missing).optColumns(COLUMNS).build().run()).getMessage();
        assertTrue(m.contains(missing + ": no such file"), m);
    }
}
