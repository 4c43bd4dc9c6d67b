package dev.debias.evaluate.mlm;

import java.util.ArrayList;
import java.util.List;

/**
 * The CrowS-Pairs scorer of Nangia et al. (2020): each sentence's PLL over only the tokens the two
 * sentences share ({@link TokenAlignment}), masked one at a time, special tokens excluded; every masked
 * copy of every pair given runs in the batches of the {@link PseudoLogLikelihood}. A pair with a sentence
 * longer than the model takes is not scored: its scores are NaN, which {@link StereotypeScore} skips.
 */
public record SharedTokenScorer(PseudoLogLikelihood pll) implements PairScorer {
    @Override
    public List<double[]> score(List<CrowsPair> pairs) {
        List<PseudoLogLikelihood.Query> queries = new ArrayList<>();
        List<Integer> scored = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            CrowsPair p = pairs.get(i);
            PseudoLogLikelihood.Tokens a = pll.tokenize(p.stereotyping());
            PseudoLogLikelihood.Tokens b = pll.tokenize(p.antiStereotyping());
            if (a.ids().length > pll.maxLength() || b.ids().length > pll.maxLength()) {
                continue;   // longer than the model takes: not scored, and counted as skipped
            }
            scored.add(i);
            TokenAlignment al = TokenAlignment.of(a.ids(), b.ids());
            queries.add(new PseudoLogLikelihood.Query(a.ids(), nonSpecial(al.first(), a.special())));
            queries.add(new PseudoLogLikelihood.Query(b.ids(), nonSpecial(al.second(), b.special())));
        }
        double[] s = pll.score(queries);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            out.add(new double[] {Double.NaN, Double.NaN});
        }
        for (int k = 0; k < scored.size(); k++) {
            out.set(scored.get(k), new double[] {s[2 * k], s[2 * k + 1]});
        }
        return out;
    }

    private static int[] nonSpecial(int[] positions, boolean[] special) {
        return java.util.Arrays.stream(positions).filter(p -> !special[p]).toArray();
    }
}
