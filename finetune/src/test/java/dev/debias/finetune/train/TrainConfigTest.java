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

/** Validation of every setting, the builder, and the run.json form. */
class TrainConfigTest {
    private static final FieldMapping FIELDS = new FieldMapping("text", "label", List.of(), null);
    private static final TrainConfig BASE = defaults("builtin:minilm", Path.of("train.jsonl"), Path.of("eval.jsonl"),
            FIELDS);

    /** The builder's defaults for everything but the model, data and fields. */
    private static TrainConfig defaults(String model, Path train, Path eval, FieldMapping fields) {
        return TrainConfig.builder().setModel(model).setTrain(train).setEval(eval).setFields(fields).build();
    }

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
        assertEquals(Metric.MACRO_F1, BASE.metric());
        assertEquals(Pooling.MEAN, BASE.pooling());
        assertEquals(ComputeDevice.AUTO, BASE.device());
        assertEquals(1, BASE.seed());
        assertEquals(Hyperparameters.DEFAULTS, BASE.hyperparameters());
        assertEquals(new DataOptions("builtin:minilm", Path.of("train.jsonl"), Path.of("eval.jsonl"), FIELDS, null),
                BASE.data());
    }

    @Test
    void asMapAndFromMapRoundTrip() {
        assertEquals(BASE, TrainConfig.fromMap(BASE.asMap()));
        TrainConfig all = TrainConfig.builder().setModel("runs/x").setTrain(Path.of("/data/t.csv"))
                .setEval(Path.of("e.tsv")).setFields(new FieldMapping("body", "occupation", List.of(), "id"))
                .optWeightField("weight").optEpochs(7).optBatchSize(3).optMaxLength(33).optLearningRate(1.25e-4)
                .optWeightDecay(0.3).optWarmupFraction(0.25).optClipNorm(0.5).optClassBalanced(true).optPatience(4)
                .optMetric(Metric.ACCURACY).optPooling(Pooling.CLS).optDropout(0.35f).optDevice(ComputeDevice.CPU)
                .optSeed(-123456789012L).build();
        Map<String, String> m = all.asMap();
        assertEquals(List.of("model", "train", "eval", "text_field", "label_field", "id_field", "weight_field", "epochs",
                "batch_size", "max_length", "learning_rate", "weight_decay", "warmup_fraction", "clip_norm",
                "class_balanced", "patience", "metric", "pooling", "dropout", "device", "seed"), List.copyOf(m.keySet()));
        assertEquals("cls", m.get("pooling"));
        assertEquals("", BASE.asMap().get("weight_field"));
        assertEquals("", BASE.asMap().get("id_field"));
        assertEquals(all, TrainConfig.fromMap(m));
        // the enums are written by their keys
        assertEquals("accuracy", m.get("metric"));
        assertEquals("cpu", m.get("device"));
        assertEquals("macro_f1", BASE.asMap().get("metric"));
        assertEquals("auto", BASE.asMap().get("device"));
        // awkward floating-point values survive exactly
        TrainConfig odd = TrainConfig.builder().setModel("m").setTrain(Path.of("t")).setEval(Path.of("e"))
                .setFields(FIELDS).optEpochs(1).optBatchSize(1).optMaxLength(3).optLearningRate(0.1 + 0.2)
                .optWeightDecay(1e-300).optWarmupFraction(0.1).optClipNorm(0.0).optClassBalanced(false).optPatience(0)
                .optMetric(Metric.MACRO_F1).optPooling(Pooling.MEAN).optDropout(0.1f + 0.2f)
                .optDevice(ComputeDevice.GPU).optSeed(Long.MIN_VALUE).build();
        assertEquals(odd, TrainConfig.fromMap(odd.asMap()));
        assertEquals("0.30000000000000004", odd.asMap().get("learning_rate"));
        assertEquals("gpu", odd.asMap().get("device"));
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
        assertTrue(assertThrows(IllegalArgumentException.class, () -> defaults("m", Path.of("t"), Path.of("e"),
                FieldMapping.DEFAULT)).getMessage().contains("needs a label field"));
        assertEquals("model", assertThrows(NullPointerException.class,
                () -> defaults(null, Path.of("t"), Path.of("e"), FIELDS)).getMessage());
        assertEquals("eval", assertThrows(NullPointerException.class,
                () -> defaults("m", Path.of("t"), null, FIELDS)).getMessage());
        // the boundaries themselves are valid
        with("max_length", "3");
        with("warmup_fraction", "0");
        with("dropout", "0");
        with("patience", "0");
        with("clip_norm", "0");
    }

    @Test
    void theBuilderValidatesWhatItBuilds() {
        TrainConfig.Builder b = BASE.toBuilder();
        assertThrows(IllegalArgumentException.class, () -> b.optEpochs(0).build());
        assertEquals("metric", assertThrows(NullPointerException.class,
                () -> BASE.toBuilder().optMetric(null).build()).getMessage());
        assertEquals("device", assertThrows(NullPointerException.class,
                () -> BASE.toBuilder().optDevice(null).build()).getMessage());
        assertEquals("train", assertThrows(NullPointerException.class,
                () -> TrainConfig.builder().setModel("m").setEval(Path.of("e")).setFields(FIELDS).build()).getMessage());
    }

    @Test
    void toBuilderCopiesEverySettingAndOptHyperparametersReplacesThemAll() {
        TrainConfig c = BASE.toBuilder().optWeightField("w").optEpochs(5).optMetric(Metric.ACCURACY).optSeed(9).build();
        assertEquals(c, c.toBuilder().build());
        assertEquals("w", c.weightField());
        assertEquals(5, c.epochs());
        assertEquals(BASE.batchSize(), c.batchSize());
        // every hyperparameter at once, the data untouched
        TrainConfig back = c.toBuilder().optHyperparameters(Hyperparameters.DEFAULTS).build();
        assertEquals(Hyperparameters.DEFAULTS, back.hyperparameters());
        assertEquals(c.data(), back.data());
        // a setter after it overrides that one setting
        assertEquals(2, c.toBuilder().optHyperparameters(Hyperparameters.DEFAULTS).optEpochs(2).build().epochs());
    }

    @Test
    void anUnknownDeviceIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ComputeDevice.parse("tpu"))
                .getMessage().contains("unknown device 'tpu'"));
    }

    @Test
    void aMissingKeyIsNamed() {
        Map<String, String> m = new java.util.LinkedHashMap<>(BASE.asMap());
        m.remove("patience");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromMap(m)).getMessage()
                .contains("'patience'"));
    }

    @Test
    void metricAndDeviceParseTheirKeysExactly() {
        for (Metric x : Metric.values()) {
            assertEquals(x, Metric.parse(x.key()));
        }
        for (ComputeDevice x : ComputeDevice.values()) {
            assertEquals(x, ComputeDevice.parse(x.key()));
        }
        assertEquals(List.of("accuracy", "macro_f1", "pearson", "spearman"), java.util.Arrays.stream(Metric.values()).map(Metric::key).toList());
        assertEquals(List.of("auto", "cpu", "gpu"),
                java.util.Arrays.stream(ComputeDevice.values()).map(ComputeDevice::key).toList());
        // as strict as the string settings were: no case folding, no trimming
        assertThrows(IllegalArgumentException.class, () -> Metric.parse("Accuracy"));
        assertThrows(IllegalArgumentException.class, () -> ComputeDevice.parse(" cpu"));
        assertThrows(IllegalArgumentException.class, () -> Metric.parse(null));
    }

    @Test
    void theLearningRateWarmsUpLinearlyThenDecaysToZero() {
        // 10 steps, warm-up 0.2: 2 steps up to the peak 1e-3, then 8 steps down to 0
        Hyperparameters h = BASE.toBuilder().optLearningRate(1e-3).optWarmupFraction(0.2).build().hyperparameters();
        assertEquals(0.5e-3, h.learningRateAt(1, 10), 1e-18);
        assertEquals(1e-3, h.learningRateAt(2, 10), 1e-18);
        assertEquals(1e-3 * 7 / 8, h.learningRateAt(3, 10), 1e-18);
        assertEquals(1e-3 * 4 / 8, h.learningRateAt(6, 10), 1e-18);
        assertEquals(0, h.learningRateAt(10, 10));
        // no warm-up: the peak at once, decaying from the first step; round(0.1 x 4) = 0 warm-up steps
        Hyperparameters flat = BASE.toBuilder().optLearningRate(2.0).optWarmupFraction(0).build().hyperparameters();
        assertEquals(2.0 * 3 / 4, flat.learningRateAt(1, 4));
        assertEquals(2.0 * 3 / 4, BASE.toBuilder().optLearningRate(2.0).build().hyperparameters().learningRateAt(1, 4));
    }
}
