package dev.debias.cli;

import dev.debias.bench.BenchResult;
import dev.debias.bench.AuditBenchmark;
import dev.debias.bench.IoBenchmark;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code debias bench}: benchmarks that report throughput and ratios measured in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a stage's benchmark; prints a table, then one JSON line with throughput and ratios. "
                + "Ratios compare measurements of the same run, so they travel between machines better than "
                + "times.",
        subcommands = {BenchCommand.Io.class, BenchCommand.Audit.class, BenchCommand.Augment.class,
            BenchCommand.Finetune.class, BenchCommand.InProcess.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A benchmark that needs a directory for its files. */
    @FunctionalInterface
    interface InWorkDir {
        void run(Path dir) throws Exception;
    }

    /**
     * Runs {@code bench} in {@code workDir} (created if needed), or in a fresh temporary directory
     * removed afterwards (benchmarks delete their own files); returns the exit code.
     */
    static int inWorkDir(Path workDir, InWorkDir bench) throws Exception {
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("debias-bench");
        try {
            bench.run(dir);
        } finally {
            if (workDir == null) {
                Files.deleteIfExists(dir);
            }
        }
        return ExitCodes.OK;
    }

    /** Prints a result's table, then its JSON line. */
    static void print(CommandSpec spec, BenchResult r) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(r.table());
        out.println(r.jsonLine());
        out.flush();
    }

    @Command(name = "io", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Corpus reading and writing (JSONL, CSV) in records/s, as ratios to a plain "
                    + "BufferedReader line count of the same file.",
            footer = {"", "Example:", "  debias bench io --records 200000 --repeats 3"})
    static final class Io implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--records", paramLabel = "N", defaultValue = "100000", description = "Corpus size. Default: ${DEFAULT-VALUE}.")
        int records;

        @Option(names = "--repeats", paramLabel = "R", defaultValue = "3",
                description = "Timed runs per measurement (best is kept), after one warm-up. Default: ${DEFAULT-VALUE}.")
        int repeats;

        @Option(names = "--work-dir", paramLabel = "DIR", description = "Where temporary files go. Default: the system temp dir.")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            return inWorkDir(workDir, dir -> {
                print(spec, new IoBenchmark(records, repeats, dir).run(CliProgress.create()));
            });
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Audit indexing throughput (MB/s, docs/s) and the time to compute the 2 gender groups x 100 "
                    + "occupation targets table from the index at document and sentence scope, against a single-pass "
                    + "scan (read, tokenize, look up; sentences where needed) in the same run. Fails if the two "
                    + "disagree on any count. Targets: index at least 10 MB/s on 2 cores, table at least 20x faster "
                    + "than the scan.",
            footer = {"", "Example:", "  debias bench audit --documents 200000"})
    static final class Audit implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--documents", paramLabel = "N", defaultValue = "200000",
                description = "Corpus size (demo bios). Default: ${DEFAULT-VALUE}.")
        int documents;

        @Option(names = "--repeats", paramLabel = "R", defaultValue = "5",
                description = "Timed runs of each index table (best is kept), after one warm-up. Default: ${DEFAULT-VALUE}.")
        int repeats;

        @Option(names = "--threads", paramLabel = "N", description = "Indexing threads. Default: the number of cores.")
        Integer threads;

        @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the corpus and index go. Default: the system temp dir.")
        Path workDir;

        @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
                description = "local: the audit's stages on this machine; spark: the index build on Spark at local[1] "
                        + "and local[2] against the local engine at 1 and 2 threads, over --shards JSON Lines shards, "
                        + "with an estimate for 1 TB on 100 cores. Default: ${DEFAULT-VALUE}.")
        String engine;

        @Option(names = "--shards", paramLabel = "N", defaultValue = "8",
                description = "Shards of the corpus with --engine spark (one Spark task each). Default: ${DEFAULT-VALUE}.")
        int shards;

        @Override
        public Integer call() throws Exception {
            if (engine.equals("spark")) {
                return inWorkDir(workDir, dir -> new dev.debias.spark.bench.SparkAuditBenchmark(documents, shards,
                        repeats, dir).run(spec.commandLine().getOut()));
            }
            if (!engine.equals("local")) {
                throw new dev.debias.core.InvalidInputException("--engine must be local or spark, got '" + engine + "'");
            }
            return inWorkDir(workDir, dir -> {
                int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
                print(spec, new AuditBenchmark(documents, repeats, t, dir).run(CliProgress.create()));
            });
        }
    }

    @Command(name = "augment", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Two-sided counterfactual augmentation of the demo corpus end to end (read, swap, write), "
                    + "in records/s and sentences/s, as a ratio to the floor that OpenNLP tokenization and "
                    + "part-of-speech tagging alone reach on the same records with the same threads. Then the "
                    + "whole commands as a user runs them, each in a fresh JVM: debias augment --mode two-sided "
                    + "(with the label, so the before and after rates are computed) against debias corpus convert "
                    + "of the same file (cold_augment_vs_convert). Targets: at least 0.7 of the floor, 5,000 "
                    + "sentences/s on 2 cores, and the cold ratio at most 4.",
            footer = {"", "Example:", "  debias bench augment --records 20000 --cold-records 200000"})
    static final class Augment implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--records", paramLabel = "N", defaultValue = "20000", description = "Corpus size. Default: ${DEFAULT-VALUE}.")
        int records;

        @Option(names = "--cold-records", paramLabel = "N", defaultValue = "200000",
                description = "Corpus size of the cold runs (about 350 bytes a record); 0 skips them. Default: ${DEFAULT-VALUE}.")
        int coldRecords;

        @Option(names = "--repeats", paramLabel = "R", defaultValue = "2",
                description = "Timed runs per measurement (best is kept), after one warm-up; the cold runs have no "
                        + "warm-up. Default: ${DEFAULT-VALUE}.")
        int repeats;

        @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: the number of cores.")
        Integer threads;

        @Option(names = "--work-dir", paramLabel = "DIR", description = "Where temporary files go. Default: the system temp dir.")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            return inWorkDir(workDir, dir -> {
                int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
                dev.debias.bench.ColdRuns cold = coldRecords > 0 ? new dev.debias.bench.ColdRuns(new ChildJvm(), dir) : null;
                print(spec, new dev.debias.bench.AugmentBenchmark(records, repeats, t, dir, cold, coldRecords)
                        .run(CliProgress.create()));
            });
        }
    }

    @Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Fine-tuning throughput of builtin:minilm: training examples/s and achieved GFLOP/s at "
                    + "sequence length 64 and 128 (real steps: forward, backward, clipping, AdamW), inference "
                    + "examples/s, and the GFLOP/s of a plain 2048x2048 matrix multiply on the same engine in the same "
                    + "run; their ratio is the model FLOPs utilisation (target: 0.5 on CPU). All of it also with bf16 "
                    + "matrix products (--precision bf16), MFU against a bf16 matrix multiply, and the bf16/fp32 "
                    + "speed-ups (speedup_bf16_*). Then the training step "
                    + "of each --family at MiniLM's shape (random weights) at the longest length: MFU per family.",
            footer = {"", "Example:", "  debias bench finetune --batch-size 32 --steps 5 --family bert,roberta"})
    static final class Finetune implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--batch-size", paramLabel = "B", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
        int batchSize;

        @Option(names = "--steps", paramLabel = "N", defaultValue = "5",
                description = "Timed steps per length (best is kept), after one warm-up. Default: ${DEFAULT-VALUE}.")
        int steps;

        @Option(names = "--lengths", paramLabel = "T", split = ",", defaultValue = "64,128",
                description = "Sequence lengths. Default: ${DEFAULT-VALUE}.")
        int[] lengths;

        @Option(names = "--family", paramLabel = "F", split = ",",
                description = "Families to time at MiniLM's shape; 'none' for none. Default: every supported one.")
        List<String> families;

        @Override
        public Integer call() throws Exception {
            List<dev.debias.finetune.model.ModelFamily> chosen = new java.util.ArrayList<>();
            if (families == null) {
                chosen.addAll(java.util.Arrays.asList(dev.debias.finetune.model.ModelFamily.values()));
                chosen.remove(dev.debias.finetune.model.ModelFamily.XLM_ROBERTA);   // RoBERTa's block
            } else if (!families.equals(List.of("none"))) {
                for (String f : families) {
                    var family = dev.debias.finetune.model.ModelFamily.of(f);
                    if (family == null) {
                        throw new dev.debias.core.InvalidInputException("--family " + f + ": not a family debias runs ("
                                + dev.debias.finetune.model.ModelFamily.supported() + ")");
                    }
                    chosen.add(family);
                }
            }
            print(spec, new dev.debias.bench.FinetuneBenchmark(batchSize, steps, chosen, lengths)
                    .run(CliProgress.create()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "inprocess", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Identical small fine-tunes one after another in this JVM, as a recipe's sweep runs them: "
                    + "each run's time, the last run's time as a ratio to the first's (target: at most 1.2), and the "
                    + "live threads and Java-allocated native memory after each run (no collection forced).",
            footer = {"", "Example:", "  debias bench inprocess --runs 3 --records 64"})
    static final class InProcess implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Fine-tunes. Default: ${DEFAULT-VALUE}.")
        int runs;

        @Option(names = "--records", paramLabel = "N", defaultValue = "64",
                description = "Training records per run (half as many to evaluate). Default: ${DEFAULT-VALUE}.")
        int records;

        @Option(names = "--max-length", paramLabel = "T", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
        int maxLength;

        @Option(names = "--model", paramLabel = "M", defaultValue = "builtin:minilm", description = "Default: ${DEFAULT-VALUE}.")
        String model;

        @Option(names = "--work-dir", paramLabel = "DIR", description = "Where temporary files go. Default: the system temp dir.")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            return inWorkDir(workDir, dir -> {
                print(spec, new dev.debias.bench.InProcessBenchmark(model, runs, records, maxLength, dir)
                        .run(CliProgress.create()));
            });
        }
    }
}
