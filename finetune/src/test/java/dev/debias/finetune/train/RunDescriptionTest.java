package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.corpus.FieldMapping;
import dev.debias.finetune.model.Pooling;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.json: the exact bytes the first releases wrote, read back and written again unchanged. */
class RunDescriptionTest {
    /** A run.json as FineTuner wrote it before RunDescription existed (an untyped map, Jackson's default printer). */
    private static final String OLD = """
            {
              "schema" : "debias.run/1",
              "config" : {
                "model" : "builtin:minilm",
                "train" : "/tmp/ft-ref/train.jsonl",
                "eval" : "/tmp/ft-ref/dev.jsonl",
                "text_field" : "text",
                "label_field" : "label",
                "id_field" : "id",
                "weight_field" : "",
                "epochs" : "1",
                "batch_size" : "16",
                "max_length" : "32",
                "learning_rate" : "5.0E-5",
                "weight_decay" : "0.01",
                "warmup_fraction" : "0.1",
                "clip_norm" : "1.0",
                "class_balanced" : "false",
                "patience" : "2",
                "metric" : "macro_f1",
                "pooling" : "mean",
                "dropout" : "0.1",
                "device" : "cpu",
                "seed" : "2"
              },
              "labels" : [ "architect", "attorney", "interior designer", "nurse" ],
              "model_source" : "builtin:minilm",
              "model_sha256" : "759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e",
              "train_sha256" : "ab50eef88700d5bb96aff119bfd8253dfe5891729c9838f8c3b73d38297de60a",
              "eval_sha256" : "c7c02edbbe70b98282cb4d477e32558d1c58af17cdfed5b3017301b0a9a54b9f",
              "train_records" : 200,
              "eval_records" : 100,
              "truncated_train" : 189,
              "truncated_eval" : 94,
              "max_length_used" : 32,
              "mixed_precision" : false,
              "versions" : {
                "debias.version" : "0.1.0-SNAPSHOT",
                "djl.version" : "0.32.0",
                "java.version" : "25.0.3"
              }
            }""";

    @TempDir
    Path dir;

    private Path write(String name, String json) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    @Test
    void anOldRunJsonReadsIntoTypedFieldsAndWritesBackByteForByte() throws Exception {
        RunDescription r = RunDescription.read(write("run.json", OLD));
        assertEquals("builtin:minilm", r.config().model());
        assertEquals(Path.of("/tmp/ft-ref/train.jsonl"), r.config().train());
        assertEquals(new FieldMapping("text", "label", List.of(), "id"), r.config().fields());
        assertEquals(null, r.config().weightField());
        assertEquals(1, r.config().epochs());
        assertEquals(5e-5, r.config().learningRate());
        assertEquals(Metric.MACRO_F1, r.config().metric());
        assertEquals(Pooling.MEAN, r.config().pooling());
        assertEquals(ComputeDevice.CPU, r.config().device());
        assertEquals(2, r.config().seed());
        assertEquals(List.of("architect", "attorney", "interior designer", "nurse"), r.labels());
        assertEquals("builtin:minilm", r.modelSource());
        assertEquals("ab50eef88700d5bb96aff119bfd8253dfe5891729c9838f8c3b73d38297de60a", r.trainSha256());
        assertEquals(200, r.trainRecords());
        assertEquals(100, r.evalRecords());
        assertEquals(189, r.truncatedTrain());
        assertEquals(94, r.truncatedEval());
        assertEquals(32, r.maxLengthUsed());
        assertEquals(false, r.mixedPrecision());
        assertEquals(List.of("debias.version", "djl.version", "java.version"), List.copyOf(r.versions().keySet()));
        // the same bytes again: keys, order, number formats and indentation
        assertEquals(OLD, new String(r.toJson(), StandardCharsets.UTF_8));
        Path again = r.write(dir.resolve("again"));
        assertEquals(dir.resolve("again").resolve(RunDescription.FILE), again);
        assertArrayEquals(OLD.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(again));
    }

    @Test
    void theFirstReleaseWithoutMaxLengthUsedReadsTheConfiguredLength() throws Exception {
        RunDescription r = RunDescription.read(write("run.json", OLD.replace("  \"max_length_used\" : 32,\n", "")));
        assertEquals(32, r.maxLengthUsed());
        assertEquals(OLD, new String(r.toJson(), StandardCharsets.UTF_8), "written in today's form");
    }

    @Test
    void aDescriptionRoundTrips() throws Exception {
        TrainConfig c = TrainConfig.builder().setModel("runs/up").setTrain(Path.of("t.csv")).setEval(Path.of("e.csv"))
                .setFields(new FieldMapping("body", "job", List.of(), null)).optWeightField("weight")
                .optMetric(Metric.ACCURACY).optPooling(Pooling.CLS).optDevice(ComputeDevice.GPU).optSeed(-3).build();
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("z.version", "1");
        versions.put("a.version", "2");
        RunDescription r = new RunDescription(c, List.of("b", "a"), "runs/up", "00ff", "11", "22", 7, 3, 1, 0, 40, false,
                versions);
        RunDescription back = RunDescription.read(r.write(dir));
        assertEquals(r, back);
        assertEquals(List.of("z.version", "a.version"), List.copyOf(back.versions().keySet()), "the order is kept");
        String json = Files.readString(dir.resolve(RunDescription.FILE));
        assertTrue(json.contains("\"weight_field\" : \"weight\""), json);
        assertTrue(json.contains("\"id_field\" : \"\""), json);
        assertTrue(json.contains("\"labels\" : [ \"b\", \"a\" ]"), json);
    }

    @Test
    void aBrokenFileIsRefusedNamingWhatIsWrong() throws Exception {
        String m = assertThrows(InvalidInputException.class, () -> RunDescription.read(write("a.json", "{\"schema\":")))
                .getMessage();
        assertTrue(m.contains("a.json: not valid JSON"), m);
        m = assertThrows(InvalidInputException.class, () -> RunDescription.read(write("b.json", "[1, 2]"))).getMessage();
        assertTrue(m.contains("b.json: not a JSON object"), m);
        m = assertThrows(InvalidInputException.class,
                () -> RunDescription.read(write("c.json", OLD.replace("debias.run/1", "debias.run/2")))).getMessage();
        assertTrue(m.contains("c.json: schema 'debias.run/2'; this debias reads debias.run/1"), m);
        m = assertThrows(InvalidInputException.class,
                () -> RunDescription.read(write("d.json", OLD.replace("\"labels\"", "\"labelz\"")))).getMessage();
        assertTrue(m.contains("d.json: lacks 'labels'"), m);
        m = assertThrows(InvalidInputException.class,
                () -> RunDescription.read(write("e.json", OLD.replace("\"macro_f1\"", "\"f1\"")))).getMessage();
        assertTrue(m.contains("e.json: config: unknown metric 'f1'"), m);
        m = assertThrows(InvalidInputException.class,
                () -> RunDescription.read(write("f.json", OLD.replace("    \"seed\" : \"2\"\n", "")
                        .replace("\"device\" : \"cpu\",", "\"device\" : \"cpu\"")))).getMessage();
        assertTrue(m.contains("f.json: config: the settings lack 'seed'"), m);
        m = assertThrows(InvalidInputException.class,
                () -> RunDescription.read(write("g.json", OLD.replace("\"labels\" : [", "\"labels\" : {\"x\": [")
                        .replace("\"nurse\" ]", "\"nurse\" ]}")))).getMessage();
        assertTrue(m.contains("g.json: 'labels' is not a list"), m);
    }
}
