package dev.debias.cli;

import dev.debias.corpus.FieldMapping;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.Precision;
import dev.debias.finetune.train.ComputeDevice;
import dev.debias.finetune.train.EpochMetrics;
import dev.debias.finetune.train.FineTuner;
import dev.debias.finetune.train.Metric;
import dev.debias.finetune.train.RunResult;
import dev.debias.finetune.train.Task;
import dev.debias.finetune.train.TrainConfig;
import dev.debias.core.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code debias finetune}: fine-tune a pre-trained encoder for classification or regression, of texts or pairs. */
@Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fine-tune a pre-trained BERT-family encoder (builtin:minilm, a Hugging Face directory with "
                + "config.json, model.safetensors and tokenizer.json, or an .onnx export with tokenizer.json beside "
                + "it) for classification or regression (--task), of single texts or sentence pairs (--pair-field), "
                + "with DJL on PyTorch: AdamW, linear warm-up and decay, gradient clipping, "
                + "per-record weights, length-bucketed batches, evaluation and a checkpoint every epoch, early "
                + "stopping, the best epoch kept. --resume RUN_DIR continues an interrupted run exactly.",
        footer = {"", "Examples:",
            "  debias finetune --train train.jsonl --eval eval.jsonl --label-field label --epochs 2 --out runs/bios",
            "  debias finetune --train nli-train.jsonl --eval nli-dev.jsonl --text-field premise "
                    + "--pair-field hypothesis --pooling cls --out runs/nli",
            "  debias finetune --train sts-train.jsonl --eval sts-dev.jsonl --text-field sentence1 "
                    + "--pair-field sentence2 --label-field score --task regression --out runs/sts",
            "  debias finetune --resume runs/bios"})
final class FinetuneCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "builtin:minilm",
            description = "builtin:minilm, a Hugging Face directory (bert, roberta, xlm-roberta, distilbert, "
                    + "electra, deberta-v2 incl. DeBERTa-v3, modernbert), a debias run or upstream directory, or an .onnx file. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--train", paramLabel = "FILE", description = "Training corpus. Required, unless --resume.")
    Path train;

    @Option(names = "--eval", paramLabel = "FILE", description = "Evaluation corpus (labels must occur in training). Required, unless --resume.")
    Path eval;

    @Option(names = "--text-field", paramLabel = "NAME", defaultValue = "text", description = "Default: ${DEFAULT-VALUE}.")
    String textField;

    @Option(names = "--label-field", paramLabel = "NAME", defaultValue = "label", description = "Default: ${DEFAULT-VALUE}.")
    String labelField;

    @Option(names = "--pair-field", paramLabel = "NAME",
            description = "The second text of each record (a hypothesis to the --text-field premise), for "
                    + "sentence-pair tasks such as NLI and paraphrase; encoded with the tokenizer's pair template "
                    + "(token type ids where the model has them). predict and evaluate read the same field.")
    String pairField;

    @Option(names = "--task", defaultValue = "classification",
            description = "classification (the label is a class) or regression (the label is a number, e.g. an STS "
                    + "similarity; squared-error loss on one output). Default: ${DEFAULT-VALUE}.")
    String task;

    @Option(names = "--id-field", paramLabel = "NAME", description = "Record id field. Default: the line number.")
    String idField;

    @Option(names = "--weight-field", paramLabel = "NAME",
            description = "Per-record loss weight, e.g. from debias augment --mode reweigh.")
    String weightField;

    @Option(names = "--skip-invalid",
            description = "Skip invalid records of both corpora (such as an empty label) instead of stopping at the "
                    + "first; every skipped record is counted and the first are printed. Recorded in run.json.")
    boolean skipInvalid;

    @Option(names = "--epochs", defaultValue = "3", description = "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "16", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--max-length", defaultValue = "128", description = "Tokens per input; longer texts are truncated and counted. Default: ${DEFAULT-VALUE}.")
    int maxLength;

    @Option(names = "--lr", defaultValue = "5e-5", description = "Peak learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--weight-decay", defaultValue = "0.01", description = "Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(names = "--warmup", defaultValue = "0.1", description = "Share of steps warming up. Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--clip-norm", defaultValue = "1.0", description = "Global gradient norm limit, 0 for none. Default: ${DEFAULT-VALUE}.")
    double clipNorm;

    @Option(names = "--class-balanced", description = "Weight classes by N / (classes x count).")
    boolean classBalanced;

    @Option(names = "--patience", defaultValue = "2", description = "Epochs without improvement before stopping; 0 never. Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(names = "--metric", description = "What early stopping and the best epoch follow: accuracy or macro_f1 "
            + "(classification), pearson or spearman (regression). Default: macro_f1, pearson for regression.")
    String metric;

    @Option(names = "--pooling", defaultValue = "mean", description = "mean or cls. Default: ${DEFAULT-VALUE}.")
    String pooling;

    @Option(names = "--dropout", defaultValue = "0.1", description = "Default: ${DEFAULT-VALUE}.")
    float dropout;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu. Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--precision", defaultValue = "fp32", description = "Matrix products in fp32, bf16 (bfloat16, "
            + "float32 master weights, norms and softmax) or auto (bf16 where the CPU or GPU has bfloat16 instructions). "
            + "Default: ${DEFAULT-VALUE}.")
    String precision;

    @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "The run directory. Required, unless --resume.")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue this run from its last completed epoch.")
    Path resume;

    @Override
    public Integer call() throws Exception {
        RunResult r;
        if (resume != null) {
            r = FineTuner.resume(resume, CliProgress.create());
        } else {
            if (train == null || eval == null || out == null) {
                throw new InvalidInputException("give --train, --eval and --out (or --resume RUN_DIR)");
            }
            FieldMapping fields = new FieldMapping(textField, labelField, java.util.List.of(), idField);
            TrainConfig.Builder b = TrainConfig.builder().setModel(model).setTrain(train).setEval(eval).setFields(fields)
                    .optWeightField(weightField).optEpochs(epochs).optBatchSize(batchSize).optMaxLength(maxLength)
                    .optLearningRate(lr).optWeightDecay(weightDecay).optWarmupFraction(warmup).optClipNorm(clipNorm)
                    .optClassBalanced(classBalanced).optPatience(patience).optPairField(pairField)
                    .optSkipInvalid(skipInvalid)
                    .optTask(Task.parse(task))
                    .optPooling(Pooling.parse(pooling)).optDropout(dropout).optDevice(ComputeDevice.parse(device))
                    .optPrecision(Precision.parse(precision)).optSeed(seed);
            if (metric != null) {
                b.optMetric(Metric.parse(metric));
            }
            TrainConfig c = b.build();
            r = FineTuner.builder().setConfig(c).setRunDir(out).optProgress(CliProgress.create()).build().run();
        }
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SkipReport.print(r.trainRead(), "the training corpus", err);
        SkipReport.print(r.evalRead(), "the evaluation corpus", err);
        if (r.resumedFromEpoch() > 0) {
            o.printf(Locale.ROOT, "resumed after epoch %d%n", r.resumedFromEpoch());
        }
        boolean regression = r.epochs().stream().anyMatch(m -> m.accuracy() == null);
        if (regression) {
            o.printf(Locale.ROOT, "regression of %s (losses are mean squared errors)%n", r.labels().get(0));
        } else {
            o.printf(Locale.ROOT, "labels: %s%n", r.labels());
        }
        o.printf(Locale.ROOT, "%5s %8s %10s %10s %9s %9s %8s%n", "epoch", "steps", "train loss", "eval loss",
                regression ? "pearson" : "accuracy", regression ? "spearman" : "macro-F1", "seconds");
        for (EpochMetrics m : r.epochs()) {
            o.printf(Locale.ROOT, "%5d %8d %10.4f %10.4f %9s %9s %8.1f%s%n", m.epoch(), m.steps(), m.trainLoss(),
                    m.evalLoss(), cell(regression ? m.pearson() : m.accuracy()),
                    cell(regression ? m.spearman() : m.macroF1()), m.seconds(), m.best() ? "  best" : "");
        }
        if (r.stoppedEarly()) {
            o.println("stopped early: no improvement for --patience epochs");
        }
        if (r.truncatedTrain() + r.truncatedEval() > 0) {
            o.printf(Locale.ROOT, "truncated to --max-length: %d training and %d evaluation texts%n", r.truncatedTrain(),
                    r.truncatedEval());
        }
        o.printf(Locale.ROOT, "run: %s (best epoch %d)%n", r.runDir(), r.bestEpoch());
        o.flush();
        return ExitCodes.OK;
    }

    /** A measure with four decimals, or {@code undefined} (a correlation of constant values). */
    private static String cell(Double v) {
        return v == null ? "undefined" : String.format(Locale.ROOT, "%.4f", v);
    }
}
