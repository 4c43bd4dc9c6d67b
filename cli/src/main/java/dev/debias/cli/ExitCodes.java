package dev.debias.cli;

/** The fixed exit codes of every debias command. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** Bad usage or bad input: the message names the file, line or option and what was expected. */
    public static final int BAD_INPUT = 1;
    /** The work failed for another reason (I/O, out of memory, a bug): see the message, or --verbose. */
    public static final int FAILURE = 2;

    private ExitCodes() {}
}
