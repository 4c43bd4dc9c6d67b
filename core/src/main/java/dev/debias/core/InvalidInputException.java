package dev.debias.core;

/**
 * Bad input that the user can fix: a malformed file, a missing field, an unknown lexicon. The
 * message names the place (file, line or record) and what was expected; the command line turns
 * this exception into exit code 1 without a stack trace.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
