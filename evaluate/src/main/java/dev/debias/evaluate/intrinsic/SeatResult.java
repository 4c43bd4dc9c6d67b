package dev.debias.evaluate.intrinsic;

/**
 * The outcome of a SEAT test on one encoder.
 *
 * @param test the test's name
 * @param targ1 the first target category's name (X)
 * @param targ2 the second target category's name (Y)
 * @param attr1 the first attribute category's name (A)
 * @param attr2 the second attribute category's name (B)
 * @param encoder the encoder's source ({@code builtin:minilm}, a directory, ...)
 * @param weat effect size, p-value and set sizes
 */
public record SeatResult(String test, String targ1, String targ2, String attr1, String attr2, String encoder,
        WeatResult weat) {}
