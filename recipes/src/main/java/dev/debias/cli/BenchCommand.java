package dev.debias.cli;

import dev.debias.bench.BenchResult;
import dev.debias.bench.IoBenchmark;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
        subcommands = BenchCommand.Io.class)
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
                description = "Timed runs per measurement (best is kept), after one warm-up. Default: ${DEFAULT-VALUE}. "
                        + "Timed runs per measurement (best is kept), after one warm-up. Default: ${DEFAULT-VALUE}.")
        int repeats;

        @Option(names = "--work-dir", paramLabel = "DIR", description = "Where temporary files go. Default: the system temp dir.")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("debias-bench");
            try {
                BenchResult r = new IoBenchmark(records, repeats, dir).run(CliProgress.create());
                PrintWriter out = spec.commandLine().getOut();
                out.print(r.table());
                out.println(r.jsonLine());
                out.flush();
            } finally {
                if (workDir == null) {
                    Files.deleteIfExists(dir);
                }
            }
            return ExitCodes.OK;
        }
    }
}
