package dev.debias.cli;

import dev.debias.core.InvalidInputException;
import dev.debias.corpus.LongestLine;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Entry point of the {@code debias} command line: parses, delegates, and maps failures to {@link ExitCodes}. */
public final class Main {
    /**
     * Lucene logs a notice through java.util.logging when the JDK's vector module is not enabled; it
     * only concerns vector search, which debias does not use, so it is kept off the terminal. Held in a
     * field so the configured logger is not collected.
     */
    private static final java.util.logging.Logger LUCENE_VECTOR_NOTICE =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    static {
        LUCENE_VECTOR_NOTICE.setLevel(java.util.logging.Level.SEVERE);
    }

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on standard output and error and returns its exit code (never exits the JVM). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line writing to {@code out} and {@code err}; returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        if (Arrays.asList(args).contains("--verbose")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        System.setProperty("ai.djl.offline", "true");
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            code = outOfMemory(e, err, Arrays.asList(args).contains("--verbose"));
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The configured command line, for tests and embedding. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DebiasCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(Main::onException);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("debias: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.BAD_INPUT;
        });
        return cl;
    }

    private static int onException(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = verbose(parsed);
        Throwable cause = ex;
        if (cause instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            cause = u.getCause();
        }
        for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                return outOfMemory(oom, err, verbose);
            }
        }
        if (cause instanceof InvalidInputException) {
            err.println("debias: error: " + SettingFlags.translate(cause.getMessage()));
            if (verbose) {
                cause.printStackTrace(err);
            }
            return ExitCodes.BAD_INPUT;
        }
        if (cause instanceof IllegalArgumentException) {
            err.println("debias: invalid setting: " + SettingFlags.translate(cause.getMessage()));
            if (verbose) {
                cause.printStackTrace(err);
            }
            return ExitCodes.BAD_INPUT;
        }
        err.println("debias: failed: " + SettingFlags.translate(String.valueOf(cause)) + (verbose ? "" : " (run again with --verbose for the stack trace)"));
        if (verbose) {
            cause.printStackTrace(err);
        }
        return ExitCodes.FAILURE;
    }

    /**
     * Says that the JVM ran out of memory, naming the longest corpus record read (the likely cause) and the
     * setting to raise, without a stack trace unless {@code verbose}; returns {@link ExitCodes#FAILURE}.
     */
    static int outOfMemory(OutOfMemoryError e, PrintWriter err, boolean verbose) {
        long heapMb = Runtime.getRuntime().maxMemory() >> 20;
        long suggestGb = Math.max(1, (heapMb * 4 + 1023) / 1024);
        var longest = LongestLine.get();
        err.println("debias: out of memory (" + (e.getMessage() == null ? "OutOfMemoryError" : e.getMessage())
                + "; the JVM's heap holds at most " + heapMb + " MB)"
                + longest.map(p -> "; the longest record read was " + p).orElse("")
                + ". Give the JVM more heap with DEBIAS_JAVA_OPTS, e.g. DEBIAS_JAVA_OPTS=-Xmx" + suggestGb + "g"
                + (longest.isPresent() ? ", or split that record" : "")
                + (verbose ? "" : " (run again with --verbose for the stack trace)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.FAILURE;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
