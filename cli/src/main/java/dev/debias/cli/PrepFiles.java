package dev.debias.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The input corpus and the output file of {@code corpus sample}, {@code filter}, {@code dedup} and {@code tag}. */
final class PrepFiles {
    @Parameters(index = "0", paramLabel = "INPUT", description = "The corpus file or directory (never modified).")
    Path file;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output: .jsonl, .csv or .tsv (optionally .gz or .zst), or .parquet.")
    Path out;

    @Option(names = "--out-format", paramLabel = "FMT", description = "Output format jsonl, csv, tsv or parquet. Default: from --out's extension.")
    String outFormat;
}
