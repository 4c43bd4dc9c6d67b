package dev.debias.evaluate.mlm;

/**
 * One CrowS-Pairs row (Nangia et al., 2020).
 *
 * @param line the line of the file the row starts on
 * @param sentMore the sentence about the historically more disadvantaged group
 * @param sentLess the sentence about the contrasting, less disadvantaged group
 * @param direction whether {@code sentMore} expresses the stereotype or violates it
 * @param biasType the bias category ({@code race-color}, {@code gender}, ...)
 */
public record CrowsPair(long line, String sentMore, String sentLess, Direction direction, String biasType) {
    /** The {@code stereo_antistereo} column. */
    public enum Direction {
        /** {@code stereo}: {@code sent_more} is the stereotyping sentence. */
        STEREO,
        /** {@code antistereo}: {@code sent_more} violates a stereotype, so {@code sent_less} is the stereotyping one. */
        ANTISTEREO
    }

    /** The sentence that expresses the stereotype: {@code sent_more} for stereo rows, {@code sent_less} for antistereo. */
    public String stereotyping() {
        return direction == Direction.STEREO ? sentMore : sentLess;
    }

    /** The other sentence of the pair. */
    public String antiStereotyping() {
        return direction == Direction.STEREO ? sentLess : sentMore;
    }
}
