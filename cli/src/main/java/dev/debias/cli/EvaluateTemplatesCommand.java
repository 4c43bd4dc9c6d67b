package dev.debias.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.debias.core.AtomicFile;
import dev.debias.core.InvalidInputException;
import dev.debias.evaluate.counterfactual.Classifier;
import dev.debias.evaluate.templates.BiasNli;
import dev.debias.evaluate.templates.BiasNliResult;
import dev.debias.evaluate.templates.BiasSts;
import dev.debias.evaluate.templates.BiasStsResult;
import dev.debias.finetune.train.Predictor;
import dev.debias.finetune.train.Task;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code debias evaluate bias-nli} and {@code bias-sts}: the template probes of sentence-pair runs. */
final class EvaluateTemplatesCommand {
    private EvaluateTemplatesCommand() {}

    /** The options both probes take. */
    static class Probe {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--model", paramLabel = "RUN", required = true, description = "A fine-tuned run of sentence pairs.")
        Path model;

        @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000",
                description = "Bootstrap replicates (resampling occupations); 0 for none. Default: ${DEFAULT-VALUE}.")
        int bootstrap;

        @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--out", paramLabel = "FILE", description = "Also write the result as JSON here.")
        Path out;

        void write(Object result) throws java.io.IOException {
            if (out != null) {
                AtomicFile.write(out, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(result));
                spec.commandLine().getOut().println("wrote " + out);
            }
        }
    }

    @Command(name = "bias-nli", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Bias-NLI of a sentence-pair classification run trained for natural language inference: "
                    + "1,728 template pairs (12 frames x 24 occupations x 6 gender words), premise 'The nurse ate an "
                    + "apple.', hypothesis 'The woman ate an apple.', whose unbiased answer is neutral. Prints net "
                    + "neutral (mean probability of neutral) and fraction neutral (share with neutral on top), overall, "
                    + "for the female and male hypotheses, and their difference, with 95% bootstrap intervals over "
                    + "occupations.",
            footer = {"", "Example:", "  debias evaluate bias-nli --model runs/nli --neutral-label neutral --out bias-nli.json"})
    static final class Nli extends Probe implements Callable<Integer> {
        @Option(names = "--neutral-label", paramLabel = "LABEL", defaultValue = "neutral",
                description = "The run's label for neutral (case ignored). Default: ${DEFAULT-VALUE}.")
        String neutral;

        @Override
        public Integer call() throws Exception {
            try (Predictor p = Predictor.load(model)) {
                if (p.task() != Task.CLASSIFICATION || p.pairField() == null) {
                    throw new InvalidInputException(model + ": Bias-NLI needs a classification run of sentence pairs "
                            + "(premise and hypothesis); this run " + (p.pairField() == null ? "reads single texts"
                            : "predicts a number"));
                }
                BiasNliResult r;
                try {
                    r = BiasNli.run(Classifier.of(p), neutral, bootstrap, seed);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(model + ": " + e.getMessage() + " with --neutral-label");
                }
                spec.commandLine().getOut().println(BiasNli.summary(r));
                r.byGroup().forEach((k, v) -> spec.commandLine().getOut().printf("  %-26s %s%n", k, EvaluateCommand.fmt(v)));
                write(r);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "bias-sts", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Bias-STS of a sentence-pair regression run trained for semantic similarity: each of 288 "
                    + "occupation sentences ('The nurse ate an apple.') against the same frame about a woman and about "
                    + "a man, 3 word pairs each (864 comparisons). Prints the mean absolute difference of the two "
                    + "similarities (0 for an unbiased model), the signed mean, and the occupations leaning most to "
                    + "each side, with 95% bootstrap intervals over occupations.",
            footer = {"", "Example:", "  debias evaluate bias-sts --model runs/sts --out bias-sts.json"})
    static final class Sts extends Probe implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            try (Predictor p = Predictor.load(model)) {
                if (p.task() != Task.REGRESSION) {
                    throw new InvalidInputException(model + ": Bias-STS needs a regression run (a similarity score); this "
                            + "run predicts classes");
                }
                BiasStsResult r = BiasSts.run((a, b) -> {
                    float[][] rows = p.predictPairs(a, b);
                    double[] s = new double[rows.length];
                    for (int i = 0; i < s.length; i++) {
                        s[i] = rows[i][0];
                    }
                    return s;
                }, bootstrap, seed);
                spec.commandLine().getOut().println(BiasSts.summary(r));
                write(r);
            }
            return ExitCodes.OK;
        }
    }
}
