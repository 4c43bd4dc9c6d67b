package dev.debias.cli;

import dev.debias.core.ArtifactProvenance;
import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.RecordReader;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import dev.debias.finetune.model.Precision;
import dev.debias.finetune.train.Predictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code debias predict}: label a corpus with a fine-tuned run. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Label every record of a corpus with a fine-tuned run: each output record keeps its fields and "
                + "gains 'prediction' and 'probabilities' (label=probability pairs, ';'-separated), in input order. "
                + "A regression run writes the predicted value as 'prediction' (six decimals) and no probabilities. "
                + "The text is read from the field the run was trained on, unless --text-field names another. "
                + "A run trained on sentence pairs reads each record's second text from the field it was trained "
                + "on (--pair-field to name another).",
        footer = {"", "Example:", "  debias predict --model runs/bios --input eval.jsonl --id-field id --label-field label --out predictions.jsonl"})
final class PredictCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "RUN_DIR", required = true, description = "A run directory of debias finetune.")
    Path model;

    @Option(names = "--input", paramLabel = "FILE", required = true, description = "The corpus to label.")
    Path file;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output corpus (.jsonl, .csv, .tsv).")
    Path out;

    @Option(names = "--precision", description = "fp32, bf16 or auto (see finetune --precision). Default: the run's own.")
    String precision;

    @Option(names = "--pair-field", paramLabel = "NAME",
            description = "For a run trained on sentence pairs: the field of the second text, when this corpus names "
                    + "it otherwise than the training data did. Default: the run's.")
    String pairField;

    @Override
    public Integer call() throws Exception {
        if (sameFile(file, out)) {
            throw new InvalidInputException(out + ": the output would replace the input (--input " + file
                    + "); choose another --out file");
        }
        long n = 0;
        ProgressListener progress = CliProgress.create();
        try (Predictor p = Predictor.load(model, precision == null ? null : Precision.parse(precision));
                RecordReader reader = CorpusReaders.open(file, readOptions(p));
                RecordWriter writer = CorpusWriters.open(out, WriteOptions.defaults().withFieldNamesOf(input.fields()))) {
            if (pairField != null) {
                if (p.pairField() == null) {
                    throw new InvalidInputException(model + ": the run was trained on single texts; drop --pair-field");
                }
                p.usePairField(pairField);
            }
            n = p.annotateAll(reader, writer::write, progress);
            writer.commit();
            SkipReport.print(reader.report(), spec.commandLine().getErr());
            Map<String, String> config = new LinkedHashMap<>();
            config.put("model", model.toString());
            config.put("truncated", Long.toString(p.truncated()));
            ArtifactProvenance.of("predict", config, Map.of(file.getFileName().toString(), Hashing.sha256(file)), out, n)
                    .writeBeside(out);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d predictions to %s%s%n", n, out,
                    p.truncated() > 0 ? " (" + p.truncated() + " texts truncated to the model's max length)" : "");
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** The input options, reading the text from the field the run was trained on unless --text-field says otherwise. */
    private dev.debias.corpus.ReadOptions readOptions(Predictor p) {
        dev.debias.corpus.ReadOptions ro = input.readOptions();
        if (spec.commandLine().getParseResult().hasMatchedOption("--text-field")) {
            return ro;
        }
        return ro.withFields(ro.fields().withTextField(p.textField()));
    }

    /** Whether the two paths name one file: the same path once normalized, or (both existing) one file by links. */
    static boolean sameFile(Path a, Path b) throws IOException {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    }
}
