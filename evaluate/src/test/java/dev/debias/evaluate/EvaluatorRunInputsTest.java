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

    @Test
    void predictionsInAFolderOfShardsOrAGlobEvaluateAsTheOneFile() throws Exception {
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String label = i % 3 == 0 ? "nurse" : "surgeon";
            String prediction = i % 5 == 0 ? (label.equals("nurse") ? "surgeon" : "nurse") : label;
            lines.add("{\"id\":\"r" + i + "\",\"text\":\"t" + i + "\",\"label\":\"" + label + "\",\"prediction\":\""
                    + prediction + "\",\"gender\":\"" + (i % 2 == 0 ? "female" : "male") + "\"}");
        }
        Path one = Files.write(dir.resolve("preds.jsonl"), lines);
        Path shards = Files.createDirectories(dir.resolve("preds"));
        Files.write(shards.resolve("part-0.jsonl"), lines.subList(0, 25));
        Files.write(shards.resolve("part-1.jsonl"), lines.subList(25, 60));
        Evaluation whole = Evaluator.builder().optPredictions(one).optColumns(COLUMNS).build().run();
        for (Path p : List.of(shards, shards.resolve("part-*.jsonl"))) {
            Evaluation sharded = Evaluator.builder().optPredictions(p).optColumns(COLUMNS).build().run();
            org.junit.jupiter.api.Assertions.assertEquals(whole.groupFairness(), sharded.groupFairness(), p.toString());
            org.junit.jupiter.api.Assertions.assertEquals(whole.sanity(), sharded.sanity(), p.toString());
        }
    }
}
