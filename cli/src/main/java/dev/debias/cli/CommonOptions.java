package dev.debias.cli;

import picocli.CommandLine.Option;

/** Options every subcommand takes. */
public final class CommonOptions {
    @Option(names = "--verbose", description = "Log debug details and print stack traces of failures.")
    boolean verbose;
}
