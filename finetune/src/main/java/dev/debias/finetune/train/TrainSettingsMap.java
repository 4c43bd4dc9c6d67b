package dev.debias.finetune.train;

import dev.debias.corpus.FieldMapping;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.Precision;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@link TrainConfig} as the string map of run.json and provenance, and back ({@link TrainConfig#asMap()}). */
final class TrainSettingsMap {
    private TrainSettingsMap() {}

    /** {@link TrainConfig#asMap()}. */
    static Map<String, String> of(TrainConfig c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", c.model());
        m.put("train", c.train().toString());
        m.put("eval", c.eval().toString());
        m.put("text_field", c.fields().textField());
        m.put("label_field", c.fields().labelField());
        m.put("id_field", c.fields().idField() == null ? "" : c.fields().idField());
        m.put("weight_field", c.weightField() == null ? "" : c.weightField());
        // written only when not the default, so a run on single texts with classes reads and writes as before
        if (c.pairField() != null) {
            m.put("pair_field", c.pairField());
        }
        if (c.task() != Task.CLASSIFICATION) {
            m.put("task", c.task().key());
        }
        if (c.data().skipInvalid()) {
            m.put("skip_invalid", "true");
        }
        m.put("epochs", Integer.toString(c.epochs()));
        m.put("batch_size", Integer.toString(c.batchSize()));
        m.put("max_length", Integer.toString(c.maxLength()));
        m.put("learning_rate", Double.toString(c.learningRate()));
        m.put("weight_decay", Double.toString(c.weightDecay()));
        m.put("warmup_fraction", Double.toString(c.warmupFraction()));
        m.put("clip_norm", Double.toString(c.clipNorm()));
        m.put("class_balanced", Boolean.toString(c.classBalanced()));
        m.put("patience", Integer.toString(c.patience()));
        m.put("metric", c.metric().key());
        m.put("pooling", c.pooling().name().toLowerCase(Locale.ROOT));
        m.put("dropout", Float.toString(c.dropout()));
        m.put("device", c.device().key());
        if (c.precision() != Precision.FP32) {
            m.put("precision", c.precision().key());
        }
        m.put("seed", Long.toString(c.seed()));
        return m;
    }

    /** {@link TrainConfig#fromMap}. */
    static TrainConfig read(Map<String, String> m) {
        String id = get(m, "id_field");
        String weight = get(m, "weight_field");
        FieldMapping f = new FieldMapping(get(m, "text_field"), get(m, "label_field"), List.of(),
                id.isEmpty() ? null : id);
        String pair = m.getOrDefault("pair_field", "");
        DataOptions data = new DataOptions(get(m, "model"), Path.of(get(m, "train")), Path.of(get(m, "eval")), f,
                weight.isEmpty() ? null : weight, pair.isEmpty() ? null : pair,
                Task.parse(m.getOrDefault("task", Task.CLASSIFICATION.key())),
                Boolean.parseBoolean(m.getOrDefault("skip_invalid", "false")));
        return new TrainConfig(data, new Hyperparameters(Integer.parseInt(get(m, "epochs")),
                Integer.parseInt(get(m, "batch_size")), Integer.parseInt(get(m, "max_length")),
                Double.parseDouble(get(m, "learning_rate")), Double.parseDouble(get(m, "weight_decay")),
                Double.parseDouble(get(m, "warmup_fraction")), Double.parseDouble(get(m, "clip_norm")),
                Boolean.parseBoolean(get(m, "class_balanced")), Integer.parseInt(get(m, "patience")),
                Metric.parse(get(m, "metric")), Pooling.parse(get(m, "pooling")), Float.parseFloat(get(m, "dropout")),
                ComputeDevice.parse(get(m, "device")), Long.parseLong(get(m, "seed")),
                Precision.parse(m.getOrDefault("precision", Precision.FP32.key()))));
    }

    private static String get(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the settings lack '" + key + "'");
        }
        return v;
    }
}
