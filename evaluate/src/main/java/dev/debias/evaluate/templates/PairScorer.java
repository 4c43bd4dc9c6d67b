package dev.debias.evaluate.templates;

import java.util.List;

/** A model that gives one number per sentence pair, such as an STS regression run's similarity. */
@FunctionalInterface
public interface PairScorer {
    /** The score of each pair ({@code first[i]}, {@code second[i]}), in input order. */
    double[] score(List<String> first, List<String> second);
}
