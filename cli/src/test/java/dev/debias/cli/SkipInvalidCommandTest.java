package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.corpus.Record;
import dev.debias.finetune.testing.TinyBert;
import dev.debias.finetune.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --skip-invalid} on the commands that read a corpus through a model: {@code finetune}, {@code evaluate} and
 * {@code predict} skip a record with an empty label (like EEC's empty Emotion cells), count it and print it.
 */
class SkipInvalidCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path model;
    private static Path train;
    private static Path eval;
    private static Path run;
    private static CliTest.Run trained;

    /** The toy records, then one with an empty label: the last line of the file. */
    private static Path withEmptyLabel(Path file, List<Record> records) throws IOException {
        List<Record> all = new ArrayList<>(records);
        all.add(TinyBert.record("blank", "an apple a day", "", Map.of()));
        return TinyBert.write(file, all);
    }

    @BeforeAll
    static void setUp() throws IOException {
        TinyBert.Toy toy = TinyBert.toy(shared);
        model = toy.model();
        train = withEmptyLabel(shared.resolve("train-blank.jsonl"), TinyBert.toy("t", 200, 1, 2));
        eval = withEmptyLabel(shared.resolve("eval-blank.jsonl"), TinyBert.toy("e", 60, 2, 2));
        run = shared.resolve("run");
        trained = CliTest.debias("finetune", "--model", model.toString(), "--train", train.toString(), "--eval",
                eval.toString(), "--id-field", "id", "--epochs", "1", "--lr", "5e-3", "--max-length", "32", "--skip-invalid",
                "--out", run.toString());
    }

    @Test
    void finetuneStopsAtAnEmptyLabelWithoutTheOption() {
        CliTest.Run r = CliTest.debias("finetune", "--model", model.toString(), "--train", train.toString(), "--eval",
                eval.toString(), "--id-field", "id", "--epochs", "1", "--out", dir.resolve("run").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        // 200 toy records, so the blank one is on line 201
        assertTrue(r.err().contains("train-blank.jsonl:201: the label field 'label' is empty"), r.err());
    }

    @Test
    void finetuneSkipsAndReportsTheRecordAndRecordsTheSettingInRunJson() throws IOException {
        assertEquals(ExitCodes.OK, trained.code(), trained.err());
        // 200 + 1 training records, 60 + 1 evaluation records: one skipped of each
        assertTrue(trained.err().contains("debias: skipped 1 invalid record(s) of 201 in the training corpus:\n"
                + "  train-blank.jsonl:201: the label field 'label' is empty"), trained.err());
        assertTrue(trained.err().contains("debias: skipped 1 invalid record(s) of 61 in the evaluation corpus:\n"
                + "  eval-blank.jsonl:61: the label field 'label' is empty"), trained.err());
        JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
        assertEquals("true", runJson.get("config").get("skip_invalid").asText());
        assertEquals(200, runJson.get("train_records").asInt(), runJson.toString());
    }

    @Test
    void aRunJsonWrittenBeforeTheSettingReadsAsNotSkipping() throws IOException {
        Map<String, String> m = new LinkedHashMap<>(TinyBert.toy(dir).config().asMap());
        m.remove("skip_invalid");
        assertFalse(TrainConfig.fromMap(m).skipInvalid());
    }

    @Test
    void evaluateSkipsTheRecordAndSaysSoInAWarning() throws IOException {
        assertEquals(ExitCodes.OK, trained.code(), trained.err());
        Path out = dir.resolve("eval");
        CliTest.Run stop = CliTest.debias("evaluate", "--model", run.toString(), "--input", eval.toString(),
                "--label-field", "label", "--id-field", "id", "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, stop.code(), stop.out());
        assertTrue(stop.err().contains("eval-blank.jsonl:61: the label field 'label' is empty"), stop.err());
        CliTest.Run r = CliTest.debias("evaluate", "--model", run.toString(), "--input", eval.toString(),
                "--label-field", "label", "--id-field", "id", "--skip-invalid", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("warning: 1 invalid record(s) of 61 in " + eval + " were skipped (--skip-invalid); "
                + "the first: eval-blank.jsonl:61: the label field 'label' is empty"), r.out());
        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals("true", metrics.get("config").get("skip_invalid").asText());
    }

    @Test
    void upstreamSkipsABadLineOfItsCorpusAndSaysSo() throws IOException {
        StringBuilder b = new StringBuilder();
        List<String> things = List.of("dog", "cat", "car", "house", "book", "tree");
        for (int i = 0; i < 80; i++) {
            b.append("{\"text\":\"").append(i % 2 == 0 ? "She likes her " : "He likes his ").append(things.get(i % 6))
                    .append(". It is a ").append(things.get((i / 6) % 6)).append(".\"}\n");
        }
        b.append("{\"body\":\"no text field\"}\n");
        Path corpus = java.nio.file.Files.writeString(dir.resolve("corpus-bad.jsonl"), b);
        Path out = dir.resolve("inlp");
        CliTest.Run r = CliTest.debias("upstream", "--model", model.toString(), "--method", "inlp", "--iterations", "2",
                "--corpus", corpus.toString(), "--pairs", "30", "--held-out", "10", "--neutral", "20", "--max-length", "32",
                "--bootstrap", "20", "--skip-invalid", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        // 80 good lines, then the bad one on line 81
        assertTrue(r.out().contains("warning: skipped 1 invalid record(s) of the corpora; the first: corpus-bad.jsonl:81: "
                + "no field 'text'"), r.out());
        JsonNode json = JSON.readTree(out.resolve("upstream.json").toFile());
        assertEquals(1, json.get("data").get("invalid_records_skipped").asInt(), json.toString());
    }

    @Test
    void predictSkipsTheRecordAndReportsIt() {
        assertEquals(ExitCodes.OK, trained.code(), trained.err());
        Path out = dir.resolve("p.jsonl");
        CliTest.Run r = CliTest.debias("predict", "--model", run.toString(), "--input", eval.toString(), "--label-field",
                "label", "--id-field", "id", "--skip-invalid", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("wrote 60 predictions"), r.out());
        assertTrue(r.err().contains("debias: skipped 1 invalid record(s) of 61:\n  eval-blank.jsonl:61: the label field "
                + "'label' is empty"), r.err());
    }
}
