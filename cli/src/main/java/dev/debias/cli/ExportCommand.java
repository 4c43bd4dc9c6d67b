package dev.debias.cli;

import dev.debias.finetune.export.HuggingFaceExport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code debias export}: a fine-tuned run as a model other runtimes serve. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a finished fine-tuned run as a model other tools serve. --format hf writes a Hugging Face "
                + "directory (config.json with architectures, id2label, label2id, num_labels and problem_type; "
                + "model.safetensors under <Family>ForSequenceClassification's names; tokenizer.json; "
                + "onnx/model.onnx) that "
                + "transformers' AutoModelForSequenceClassification and AutoTokenizer load. Upstream edits (head and "
                + "neuron masks, a projection) are folded into the weights. Only first-token (cls) pooled runs map "
                + "onto Hugging Face's classifiers; a mean-pooled run is refused. The folder is written beside "
                + "--to and moved into place when complete; an existing non-empty folder is never replaced.",
        footer = {"", "Example:",
            "  debias finetune --train train.jsonl --eval eval.jsonl --pooling cls --out runs/bios",
            "  debias export --model runs/bios --to exported/bios --format hf",
            "  debias export --model runs/bios --to exported/bios-onnx --format onnx"})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "RUN_DIR", required = true, description = "A finished run of debias finetune.")
    Path model;

    @Option(names = "--to", paramLabel = "DIR", required = true, description = "The folder to write (new or empty).")
    Path to;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "hf",
            description = "hf (a Hugging Face directory, with onnx/model.onnx inside) or onnx (model.onnx, "
                    + "tokenizer.json and labels.txt; any pooling). Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() throws Exception {
        switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "hf" -> HuggingFaceExport.write(model, to);
            case "onnx" -> dev.debias.finetune.export.OnnxRunExport.write(model, to);
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--format must be hf or onnx, not '" + format + "'");
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%s) from %s%n", to, format, model);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
