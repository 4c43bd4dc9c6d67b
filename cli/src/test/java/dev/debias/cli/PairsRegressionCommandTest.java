package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.corpus.Record;
import dev.debias.finetune.testing.TinyBert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code debias finetune --pair-field} and {@code --task regression}, then {@code predict} and
 * {@code evaluate regression}, end to end on the tiny BERT ({@link TinyBert#pairs}, {@link TinyBert#counts}).
 */
class PairsRegressionCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aRegressionRunPredictsNumbersAndIsScoredByGroup() throws Exception {
        Path model = TinyBert.writeModel(dir.resolve("m"), 11);
        Path train = TinyBert.write(dir.resolve("train.jsonl"), TinyBert.counts("t", 300, 3));
        // the evaluation records carry a group: every other one is "f"
        List<Record> eval = new ArrayList<>();
        for (Record r : TinyBert.counts("e", 80, 4)) {
            Map<String, String> a = new LinkedHashMap<>(r.attributes());
            a.put("group", r.id().hashCode() % 2 == 0 ? "f" : "m");
            eval.add(TinyBert.record(r.id(), r.text(), r.label(), a));
        }
        Path evalFile = TinyBert.write(dir.resolve("eval.jsonl"), eval);
        Path run = dir.resolve("run");
        CliTest.Run f = FinetuneCommandTest.debias("finetune", "--model", model.toString(), "--train", train.toString(),
                "--eval", evalFile.toString(), "--id-field", "id", "--task", "regression", "--epochs", "12", "--lr", "3e-3",
                "--dropout", "0", "--max-length", "40", "--seed", "3", "--patience", "0", "--out", run.toString());
        assertEquals(ExitCodes.OK, f.code(), f.err());
        assertTrue(f.out().contains("regression of label (losses are mean squared errors)"), f.out());
        assertTrue(f.out().contains("epoch    steps train loss  eval loss   pearson  spearman  seconds"), f.out());
        assertEquals("regression", JSON.readTree(run.resolve("run.json").toFile()).at("/config/task").asText());

        Path pred = dir.resolve("pred.jsonl");
        CliTest.Run p = FinetuneCommandTest.debias("predict", "--model", run.toString(), "--input", evalFile.toString(),
                "--id-field", "id", "--label-field", "label", "--out", pred.toString());
        assertEquals(ExitCodes.OK, p.code(), p.err());
        JsonNode first = JSON.readTree(Files.readAllLines(pred).get(0));
        assertTrue(first.get("prediction").asText().matches("-?\\d+\\.\\d{6}"), first.toString());
        assertTrue(!first.has("probabilities"), first.toString());

        Path json = dir.resolve("reg.json");
        CliTest.Run e = FinetuneCommandTest.debias("evaluate", "regression", "--predictions", pred.toString(),
                "--id-field", "id", "--label-field", "label", "--group-field", "group", "--bootstrap", "200",
                "--out", json.toString());
        assertEquals(ExitCodes.OK, e.code(), e.err());
        assertTrue(e.out().startsWith("80 records"), e.out());
        assertTrue(e.out().contains("MSE of predicting the mean   1.2500"), e.out());
        assertTrue(e.out().contains("by group"), e.out());
        assertTrue(e.out().contains("reading: the predictions track the gold values"), e.out());
        // the group metrics of classes refuse a regression run, saying why
        CliTest.Run refused = FinetuneCommandTest.debias("evaluate", "--model", run.toString(), "--input",
                evalFile.toString(), "--id-field", "id", "--label-field", "label", "--group-field", "group", "--out",
                dir.resolve("eval").toString());
        assertEquals(ExitCodes.BAD_INPUT, refused.code(), refused.out());
        assertTrue(refused.err().contains("a regression run predicts numbers"), refused.err());
        // a gold value that is no number stops the command, naming the record, unless --skip-invalid skips it
        Path odd = dir.resolve("odd.jsonl");
        Files.writeString(odd, "{\"id\":\"a\",\"text\":\"x\",\"label\":\"1\",\"prediction\":\"1.5\"}\n"
                + "{\"id\":\"b\",\"text\":\"y\",\"label\":\"high\",\"prediction\":\"1\"}\n"
                + "{\"id\":\"c\",\"text\":\"z\",\"label\":\"3\",\"prediction\":\"2.5\"}\n");
        CliTest.Run stop = FinetuneCommandTest.debias("evaluate", "regression", "--predictions", odd.toString(),
                "--id-field", "id", "--label-field", "label", "--bootstrap", "0");
        assertEquals(ExitCodes.BAD_INPUT, stop.code(), stop.out());
        assertTrue(stop.err().contains("odd.jsonl: record b has the label 'high', which is no finite number"), stop.err());
        CliTest.Run skip = FinetuneCommandTest.debias("evaluate", "regression", "--predictions", odd.toString(),
                "--id-field", "id", "--label-field", "label", "--bootstrap", "0", "--skip-invalid");
        assertEquals(ExitCodes.OK, skip.code(), skip.err());
        assertTrue(skip.err().contains("skipped 1 record(s) whose gold value or prediction is no number"), skip.err());
        assertTrue(skip.out().startsWith("2 records"), skip.out());
        JsonNode r = JSON.readTree(json.toFile());
        assertTrue(r.at("/overall/pearson/value").asDouble() > 0.9, r.toString());
        assertEquals(2, r.at("/groupings/0/groups").size());
    }

    @Test
    void aPairRunTrainsAndPredictsFromBothFields() throws Exception {
        Path model = TinyBert.writeModel(dir.resolve("m"), 11);
        Path train = TinyBert.write(dir.resolve("train.jsonl"), TinyBert.pairs("t", 400, 1));
        Path eval = TinyBert.write(dir.resolve("eval.jsonl"), TinyBert.pairs("e", 100, 2));
        Path run = dir.resolve("run");
        CliTest.Run f = FinetuneCommandTest.debias("finetune", "--model", model.toString(), "--train", train.toString(),
                "--eval", eval.toString(), "--id-field", "id", "--text-field", "premise", "--pair-field", "hypothesis",
                "--epochs", "12", "--lr", "3e-3", "--dropout", "0", "--max-length", "40", "--seed", "3", "--patience", "0",
                "--metric", "accuracy", "--out", run.toString());
        assertEquals(ExitCodes.OK, f.code(), f.err());
        assertTrue(f.out().contains("labels: [both, not]"), f.out());
        Path pred = dir.resolve("pred.jsonl");
        CliTest.Run p = FinetuneCommandTest.debias("predict", "--model", run.toString(), "--input", eval.toString(),
                "--id-field", "id", "--text-field", "premise", "--label-field", "label", "--out", pred.toString());
        assertEquals(ExitCodes.OK, p.code(), p.err());
        long right = 0;
        for (String line : Files.readAllLines(pred)) {
            JsonNode n = JSON.readTree(line);
            right += n.get("label").asText().equals(n.get("prediction").asText()) ? 1 : 0;
        }
        assertTrue(right >= 95, right + " of 100 right");
        // a corpus that names the second text otherwise: --pair-field says where it is
        CliTest.Run missing = FinetuneCommandTest.debias("predict", "--model", run.toString(), "--input",
                eval.toString(), "--id-field", "id", "--text-field", "premise", "--pair-field", "second", "--out",
                dir.resolve("p2.jsonl").toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.code(), missing.out());
        assertTrue(missing.err().contains("record e-0 has no pair field 'second'"), missing.err());
    }
}
