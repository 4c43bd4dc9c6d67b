package dev.debias.evaluate.intrinsic;

import dev.debias.finetune.train.SentenceEncoder;

/**
 * The Sentence Encoder Association Test (May et al. 2019): {@link Weat} on the pooled sentence
 * vectors of the four categories of a {@link SeatTest}.
 */
public final class Seat {
    private Seat() {}

    /**
     * Embeds the targets and attributes of {@code test} with {@code encoder} (with whatever hooks are
     * set on its model) and runs {@link Weat#test} on them.
     */
    public static SeatResult run(SentenceEncoder encoder, SeatTest test, WeatOptions o) {
        float[][] x = encoder.embed(test.targ1().examples());
        float[][] y = encoder.embed(test.targ2().examples());
        float[][] a = encoder.embed(test.attr1().examples());
        float[][] b = encoder.embed(test.attr2().examples());
        WeatResult w = Weat.test(x, y, a, b, o);
        return new SeatResult(test.name(), test.targ1().name(), test.targ2().name(), test.attr1().name(),
                test.attr2().name(), encoder.source(), w);
    }
}
