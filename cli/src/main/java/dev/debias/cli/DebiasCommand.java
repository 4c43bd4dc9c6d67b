package dev.debias.cli;

import dev.debias.core.Versions;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code debias} command: a registry of the pipeline's tools. */
@Command(name = "debias",
        mixinStandardHelpOptions = true,
        versionProvider = DebiasCommand.VersionProvider.class,
        header = "Find and fix demographic bias in fine-tuning data, fine-tune models, and measure whether the fix worked.",
        description = {
            "",
            "Each stage is a subcommand; '@|bold debias COMMAND --help|@' explains its options.",
            "Exit codes: 0 success, 1 bad usage or bad input, 2 runtime failure.",
        },
        footer = {
            "",
            "Example:",
            "  debias generate bios --n 1000 --cooccurrence 0.9 --seed 1 --out bios.jsonl",
            "  debias corpus stats bios.jsonl --label-field label --group-field gender",
            "  debias audit bios.jsonl --label-field label --group-field gender --out audit/",
        },
        subcommands = {
            GenerateCommand.class,
            LexiconCommand.class,
            CorpusCommand.class,
            AuditCommand.class,
            AugmentCommand.class,
            FinetuneCommand.class,
            PredictCommand.class,
            ExportCommand.class,
            EvaluateCommand.class,
            UpstreamCommand.class,
            RecipeCommand.class,
            BenchCommand.class,
            picocli.CommandLine.HelpCommand.class,
        })
public final class DebiasCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the versions of debias and the libraries that shape its results. */
    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return Versions.all().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toArray(String[]::new);
        }
    }
}
