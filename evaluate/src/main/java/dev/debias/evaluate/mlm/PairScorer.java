package dev.debias.evaluate.mlm;

import java.util.List;

/** Scores both sentences of each pair: {@code {stereotyping, anti-stereotyping}} per pair, in order; higher is more likely. */
@FunctionalInterface
public interface PairScorer {
    /** One {@code {score of stereotyping(), score of antiStereotyping()}} per pair. */
    List<double[]> score(List<CrowsPair> pairs);
}
