package dev.debias.finetune.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.core.ArtifactProvenance;
import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.ModelFamily;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import dev.debias.finetune.train.FineTuner;
import dev.debias.finetune.train.RunDescription;
import dev.debias.finetune.train.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a finished first-token-pooled run as a Hugging Face model directory that
 * {@code AutoModelForSequenceClassification.from_pretrained} and {@code AutoTokenizer} load: a
 * {@code config.json} in the family's keys with {@code architectures}, {@code id2label},
 * {@code label2id}, {@code num_labels} and {@code problem_type}; {@code model.safetensors} under the
 * names of {@code <Family>ForSequenceClassification}, with the run's upstream edits folded into the
 * weights ({@link EditFolding}); {@code tokenizer.json}; and {@code onnx/model.onnx}, the same model as
 * an ONNX graph ({@link OnnxRunExport}). The directory is built beside the target
 * and moved into place last, so a failed export leaves nothing that looks like a model.
 *
 * <p>A mean-pooled run is refused, but for ModernBERT: Hugging Face's classifiers read the first token
 * through the family's head, so no standard class computes what such a run computes. ModernBERT's head
 * reads the mean too, and its {@code config.json} says which ({@code classifier_pooling}: {@code cls} or
 * {@code mean}, the run's pooling).
 */
public final class HuggingFaceExport {
    /** The operation named in the weights' provenance. */
    public static final String OPERATION = "export-hf";

    private HuggingFaceExport() {}

    /**
     * Exports {@code runDir} into {@code out}, which must not exist or be an empty folder.
     *
     * @throws InvalidInputException for an unfinished or mean-pooled run, or an {@code out} that holds files
     */
    public static void write(Path runDir, Path out) throws IOException {
        RunDescription.requireFinished(runDir);
        RunDescription run = RunDescription.read(runDir.resolve(FineTuner.RUN_JSON));
        BertConfig config = BertConfig.read(runDir.resolve("config.json"));
        Pooling pooling = run.config().hyperparameters().pooling();
        if (!config.family().headReads(pooling)) {
            throw new InvalidInputException(runDir + ": the run pools by mean, and Hugging Face's sequence "
                    + "classifiers read the first token through their own head, so none computes what this run "
                    + "does; export it as ONNX, or fine-tune with first-token (cls) pooling");
        }
        Path weightsFile = runDir.resolve(FineTuner.WEIGHTS);
        Weights canonical = SafeTensors.read(weightsFile);
        if (canonical.get("pooler.dense.weight") == null) {
            throw new InvalidInputException(weightsFile + ": has no pooler (pooler.dense), as runs made before "
                    + "debias used each family's own sentence head; fine-tune it again to export it");
        }
        Weights folded = EditFolding.fold(canonical, config);
        Weights hf = rename(folded, config.family());
        byte[] onnx = OnnxRunExport.graph(run, config, folded);
        ExportDirectory.publish(out, dir -> {
            Files.writeString(dir.resolve("config.json"), configJson(config, run.labels(), run.config().task(),
                    pooling), StandardCharsets.UTF_8);
            Path weights = dir.resolve("model.safetensors");
            SafeTensors.write(weights, hf);
            Files.copy(runDir.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
            // where Optimum writes it and transformers.js reads it, so one folder serves Python and JavaScript
            Files.write(Files.createDirectories(dir.resolve("onnx")).resolve("model.onnx"), onnx);
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("format", "hf");
            settings.put("run", runDir.toString());
            ArtifactProvenance.of(OPERATION, settings, Map.of("run-weights", Hashing.sha256(weightsFile)), weights, -1)
                    .writeBeside(weights);
        });
    }

    /** The canonical tensors under {@code <Family>ForSequenceClassification}'s names. */
    static Weights rename(Weights canonical, ModelFamily family) {
        Weights out = new Weights();
        canonical.all().forEach((name, t) -> {
            String hf = family.huggingFaceName(name);
            if (hf == null) {
                throw new IllegalStateException("no Hugging Face name for " + name);
            }
            out.put(hf, t.shape(), t.data());
        });
        return out;
    }

    /**
     * The family's config keys plus what a sequence classifier needs (ModernBERT's {@code classifier_pooling}
     * from {@code pooling}); a regression run's one output is
     * {@code problem_type: regression}, which transformers scores with squared error and no softmax.
     */
    static String configJson(BertConfig config, List<String> labels, Task task, Pooling pooling) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> id2label = new LinkedHashMap<>();
        Map<String, Integer> label2id = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            id2label.put(Integer.toString(i), labels.get(i));
            label2id.put(labels.get(i), i);
        }
        String pool = config.modern() == null ? "" : ",\n  \"classifier_pooling\": \""
                + (pooling == Pooling.MEAN ? "mean" : "cls") + "\"";
        return "{\n" + config.body() + pool + ",\n  \"architectures\": [\"" + config.family().classificationArchitecture()
                + "\"],\n  \"num_labels\": " + labels.size() + ",\n  \"id2label\": " + json.writeValueAsString(id2label)
                + ",\n  \"label2id\": " + json.writeValueAsString(label2id)
                + ",\n  \"problem_type\": \"" + (task == Task.REGRESSION ? "regression" : "single_label_classification")
                + "\",\n  \"torch_dtype\": \"float32\"\n}\n";
    }
}
