package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.corpus.FieldMapping;
import dev.debias.finetune.model.Pooling;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation of every setting, and the run.json form. */
class TrainConfigTest {
    private static final FieldMapping FIELDS = new FieldMapping("text", "label", List.of(), null);
    private static final TrainConfig BASE = TrainConfig.defaults("builtin:minilm", Path.of("train.jsonl"),
            Path.of("eval.jsonl"), FIELDS);

    /** A copy of BASE with the named field changed through the map form. */
    private static TrainConfig with(String key, String value) {
        Map<String, String> m = new java.util.LinkedHashMap<>(BASE.asMap());
        m.put(key, value);
        return TrainConfig.fromMap(m);
    }

    @Test
    void defaults() {
        assertEquals(3, BASE.epochs());
        assertEquals(16, BASE.batchSize());
        assertEquals(128, BASE.maxLength());
        assertEquals(5e-5, BASE.learningRate());
        assertEquals("macro_f1", BASE.metric());
        assertEquals(Pooling.MEAN, BASE.pooling());
        assertEquals("auto", BASE.device());
        assertEquals(1, BASE.seed());
    }

    @Test
    void asMapAndFromMapRoundTrip() {
        assertEquals(BASE, TrainConfig.fromMap(BASE.asMap()));
        TrainConfig all = new TrainConfig("runs/x", Path.of("/data/t.csv"), Path.of("e.tsv"),
                new FieldMapping("body", "occupation", List.of(), "id"), "weight", 7, 3, 33, 1.25e-4, 0.3, 0.25, 0.5,
                true, 4, "accuracy", Pooling.CLS, 0.35f, "cpu", -123456789012L);
        Map<String, String> m = all.asMap();
        assertEquals(List.of("model", "train", "eval", "text_field", "label_field", "id_field", "weight_field", "epochs",
                "batch_size", "max_length", "learning_rate", "weight_decay", "warmup_fraction", "clip_norm",
                "class_balanced", "patience", "metric", "pooling", "dropout", "device", "seed"), List.copyOf(m.keySet()));
        assertEquals("cls", m.get("pooling"));
        assertEquals("", BASE.asMap().get("weight_field"));
        assertEquals("", BASE.asMap().get("id_field"));
        assertEquals(all, TrainConfig.fromMap(m));
        // awkward floating-point values survive exactly
        TrainConfig odd = new TrainConfig("m", Path.of("t"), Path.of("e"), FIELDS, null, 1, 1, 3, 0.1 + 0.2, 1e-300,
                0.1, 0.0, false, 0, "macro_f1", Pooling.MEAN, 0.1f + 0.2f, "gpu", Long.MIN_VALUE);
        assertEquals(odd, TrainConfig.fromMap(odd.asMap()));
    }

    @Test
    void everyInvalidSettingIsRefused() {
        String[][] bad = {{"epochs", "0"}, {"batch_size", "0"}, {"max_length", "2"}, {"learning_rate", "0"},
            {"learning_rate", "-1"}, {"learning_rate", "NaN"}, {"weight_decay", "-0.1"}, {"warmup_fraction", "1.0"},
            {"warmup_fraction", "-0.1"}, {"clip_norm", "-1"}, {"patience", "-1"}, {"dropout", "1.0"},
            {"dropout", "-0.5"}, {"metric", "f1"}, {"device", "tpu"}};
        for (String[] kv : bad) {
            assertThrows(IllegalArgumentException.class, () -> with(kv[0], kv[1]), kv[0] + "=" + kv[1]);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> with("metric", "f1")).getMessage()
                .contains("unknown metric 'f1'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> with("device", "tpu")).getMessage()
                .contains("unknown device 'tpu'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> with("learning_rate", "0")).getMessage()
                .contains("lr 0.0"));
        assertThrows(IllegalArgumentException.class, () -> with("pooling", "max"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainConfig.defaults("m", Path.of("t"), Path.of("e"),
                FieldMapping.DEFAULT)).getMessage().contains("needs a label field"));
        assertEquals("model", assertThrows(NullPointerException.class,
                () -> TrainConfig.defaults(null, Path.of("t"), Path.of("e"), FIELDS)).getMessage());
        assertEquals("eval", assertThrows(NullPointerException.class,
                () -> TrainConfig.defaults("m", Path.of("t"), null, FIELDS)).getMessage());
        // the boundaries themselves are valid
        with("max_length", "3");
        with("warmup_fraction", "0");
        with("dropout", "0");
        with("patience", "0");
        with("clip_norm", "0");
    }
}
