package dev.debias.finetune.export;

import dev.debias.core.ArtifactProvenance;
import dev.debias.core.Hashing;
import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import dev.debias.finetune.train.FineTuner;
import dev.debias.finetune.train.RunDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a finished run (any pooling, any family; ModernBERT's graph is {@link ModernBertGraph}) as one ONNX graph, {@code model.onnx} (inputs
 * {@code input_ids}, {@code attention_mask} and, where the family has them, {@code token_type_ids};
 * outputs {@code logits} and {@code pooled}), with {@code tokenizer.json} and {@code labels.txt} (one
 * label per line, in logit order) beside it, published whole as {@link ExportDirectory} does.
 */
public final class OnnxRunExport {
    /** The operation named in the graph's provenance. */
    public static final String OPERATION = "export-onnx";

    private OnnxRunExport() {}

    /** The graph of a run's weights, with its edits folded in or written as graph nodes. */
    static byte[] graph(RunDescription run, BertConfig config, Weights canonical) {
        Pooling pooling = run.config().hyperparameters().pooling();
        if (config.modern() != null) {
            boolean head = config.family().headReads(pooling) && canonical.get("pooler.dense.weight") != null;
            return ModernBertGraph.build(config, pooling, head, run.labels().size(), EditFolding.fold(canonical, config));
        }
        boolean pooler = pooling == Pooling.CLS && canonical.get("pooler.dense.weight") != null;
        return OnnxExport.write(EncoderGraphSpec.of(config, pooling, pooler, run.labels().size()), canonical);
    }

    /**
     * Exports {@code runDir} into {@code out}, which must not exist or be an empty folder.
     *
     * @throws InvalidInputException for an unfinished run or an {@code out} that holds files
     */
    public static void write(Path runDir, Path out) throws IOException {
        RunDescription.requireFinished(runDir);
        RunDescription run = RunDescription.read(runDir.resolve(FineTuner.RUN_JSON));
        BertConfig config = BertConfig.read(runDir.resolve("config.json"));
        Path weightsFile = runDir.resolve(FineTuner.WEIGHTS);
        byte[] onnx = graph(run, config, SafeTensors.read(weightsFile));
        ExportDirectory.publish(out, dir -> {
            Path model = dir.resolve("model.onnx");
            Files.write(model, onnx);
            Files.copy(runDir.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
            Files.writeString(dir.resolve("labels.txt"), String.join("\n", run.labels()) + "\n", StandardCharsets.UTF_8);
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("format", "onnx");
            settings.put("run", runDir.toString());
            ArtifactProvenance.of(OPERATION, settings, Map.of("run-weights", Hashing.sha256(weightsFile)), model, -1)
                    .writeBeside(model);
        });
    }
}
