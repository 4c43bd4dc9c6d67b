package dev.debias.lexicon;

import dev.debias.core.InvalidInputException;

/** A lexicon file or specification that cannot be used; the message names the source and line. */
public class LexiconFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public LexiconFormatException(String message) {
        super(message);
    }
}
