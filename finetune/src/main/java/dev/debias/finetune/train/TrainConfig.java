package dev.debias.finetune.train;

import dev.debias.corpus.FieldMapping;
import dev.debias.finetune.model.Pooling;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every setting of a fine-tuning run; recorded in the run directory so the run can be replayed.
 *
 * @param model {@code builtin:minilm}, a model directory or an .onnx file
 * @param train the training corpus
 * @param eval the evaluation corpus
 * @param fields text and label fields (the label is required)
 * @param weightField a per-record weight field (from {@code debias augment --mode reweigh}), or null
 * @param epochs passes over the training data
 * @param batchSize examples per step
 * @param maxLength longest input in tokens; longer texts are truncated and counted
 * @param learningRate peak learning rate
 * @param weightDecay decoupled weight decay (AdamW), not applied to biases and LayerNorm weights
 * @param warmupFraction share of the steps with a linearly rising learning rate (then linear decay to 0)
 * @param clipNorm global gradient norm limit, 0 for none
 * @param classBalanced weight each class by N / (classes x its count)
 * @param patience epochs without improvement of the eval metric before stopping; 0 never stops early
 * @param metric {@code accuracy} or {@code macro_f1}: what early stopping and the best checkpoint follow
 * @param pooling mean or [CLS]
 * @param dropout dropout rate during training
 * @param device {@code auto}, {@code cpu} or {@code gpu}
 * @param seed the seed of every random choice
 */
public record TrainConfig(String model, Path train, Path eval, FieldMapping fields, String weightField, int epochs,
        int batchSize, int maxLength, double learningRate, double weightDecay, double warmupFraction, double clipNorm,
        boolean classBalanced, int patience, String metric, Pooling pooling, float dropout, String device, long seed) {
    public TrainConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(eval, "eval");
        Objects.requireNonNull(fields, "fields");
        if (fields.labelField() == null) {
            throw new IllegalArgumentException("fine-tuning needs a label field");
        }
        if (epochs < 1 || batchSize < 1 || maxLength < 3) {
            throw new IllegalArgumentException("epochs and batch size must be at least 1 and max length at least 3");
        }
        if (!(learningRate > 0) || weightDecay < 0 || warmupFraction < 0 || warmupFraction >= 1 || clipNorm < 0
                || patience < 0 || dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("invalid optimisation settings: lr " + learningRate + ", weight decay "
                    + weightDecay + ", warm-up " + warmupFraction + ", clip " + clipNorm + ", dropout " + dropout);
        }
        if (!metric.equals("accuracy") && !metric.equals("macro_f1")) {
            throw new IllegalArgumentException("unknown metric '" + metric + "'; expected accuracy or macro_f1");
        }
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("unknown device '" + device + "'; expected auto, cpu or gpu");
        }
    }

    /** Defaults for everything but the model, data and fields. */
    public static TrainConfig defaults(String model, Path train, Path eval, FieldMapping fields) {
        return new TrainConfig(model, train, eval, fields, null, 3, 16, 128, 5e-5, 0.01, 0.1, 1.0, false, 2,
                "macro_f1", Pooling.MEAN, 0.1f, "auto", 1);
    }

    /** The settings as strings, for run.json and provenance. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("train", train.toString());
        m.put("eval", eval.toString());
        m.put("text_field", fields.textField());
        m.put("label_field", fields.labelField());
        m.put("id_field", fields.idField() == null ? "" : fields.idField());
        m.put("weight_field", weightField == null ? "" : weightField);
        m.put("epochs", Integer.toString(epochs));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("max_length", Integer.toString(maxLength));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("weight_decay", Double.toString(weightDecay));
        m.put("warmup_fraction", Double.toString(warmupFraction));
        m.put("clip_norm", Double.toString(clipNorm));
        m.put("class_balanced", Boolean.toString(classBalanced));
        m.put("patience", Integer.toString(patience));
        m.put("metric", metric);
        m.put("pooling", pooling.name().toLowerCase(java.util.Locale.ROOT));
        m.put("dropout", Float.toString(dropout));
        m.put("device", device);
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Reads settings written by {@link #asMap()}. */
    public static TrainConfig fromMap(Map<String, String> m) {
        FieldMapping f = new FieldMapping(m.get("text_field"), m.get("label_field"), java.util.List.of(),
                m.get("id_field").isEmpty() ? null : m.get("id_field"));
        return new TrainConfig(m.get("model"), Path.of(m.get("train")), Path.of(m.get("eval")), f,
                m.get("weight_field").isEmpty() ? null : m.get("weight_field"), Integer.parseInt(m.get("epochs")),
                Integer.parseInt(m.get("batch_size")), Integer.parseInt(m.get("max_length")),
                Double.parseDouble(m.get("learning_rate")), Double.parseDouble(m.get("weight_decay")),
                Double.parseDouble(m.get("warmup_fraction")), Double.parseDouble(m.get("clip_norm")),
                Boolean.parseBoolean(m.get("class_balanced")), Integer.parseInt(m.get("patience")), m.get("metric"),
                Pooling.parse(m.get("pooling")), Float.parseFloat(m.get("dropout")), m.get("device"),
                Long.parseLong(m.get("seed")));
    }
}
