package dev.debias.upstream;

import dev.debias.evaluate.intrinsic.EmbeddingGap;
import dev.debias.evaluate.intrinsic.EmbeddingGapResult;
import dev.debias.evaluate.intrinsic.Seat;
import dev.debias.evaluate.intrinsic.SeatResult;
import dev.debias.evaluate.intrinsic.SeatTest;
import dev.debias.evaluate.intrinsic.WeatOptions;
import dev.debias.finetune.train.SentenceEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Intrinsic bias of an encoder at one moment: SEAT effect sizes and the counterfactual embedding gap
 * on held-out pairs.
 *
 * @param seat one result per SEAT test, in the order given
 * @param gap the mean cosine distance between held-out pairs (with a bootstrap interval), or null when
 *     there were no held-out pairs
 */
public record IntrinsicSnapshot(List<SeatResult> seat, EmbeddingGapResult gap) {
    public IntrinsicSnapshot {
        seat = List.copyOf(seat);
    }

    /** Runs every test of {@code tests} and the gap of {@code heldOut} on {@code encoder} as it is. */
    public static IntrinsicSnapshot measure(SentenceEncoder encoder, List<SeatTest> tests, List<SentencePair> heldOut,
            int bootstrap, long seed) {
        List<SeatResult> seat = new ArrayList<>();
        for (SeatTest t : tests) {
            seat.add(Seat.run(encoder, t, WeatOptions.defaults().withSeed(seed)));
        }
        EmbeddingGapResult gap = heldOut.isEmpty() ? null : EmbeddingGap.of(
                encoder.embed(PairSample.originals(heldOut)), encoder.embed(PairSample.counterfactuals(heldOut)),
                bootstrap, seed);
        return new IntrinsicSnapshot(seat, gap);
    }

    /** The effect size of the test named {@code test}, or null when it is undefined or was not run. */
    public Double effectSize(String test) {
        return seat.stream().filter(r -> r.test().equals(test)).map(r -> r.weat().effectSize()).findFirst().orElse(null);
    }

    /** The mean of |effect size| over the tests whose effect is defined; NaN when none is. */
    public double meanAbsoluteEffect() {
        return seat.stream().map(r -> r.weat().effectSize()).filter(java.util.Objects::nonNull)
                .mapToDouble(Math::abs).average().orElse(Double.NaN);
    }
}
