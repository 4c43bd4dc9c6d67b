package dev.debias.corpus.prep;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to split a corpus (see {@link CorpusSplitter} for the rule).
 *
 * @param names the splits' names, which name their files ({@code train} gives {@code train.jsonl}); letters,
 *     digits, {@code .}, {@code _} and {@code -} only, unique
 * @param ratios each split's share, positive, one per name; they need not sum to 1 (they are divided by their sum)
 * @param stratifyFields fields whose values define the strata (empty: no stratification, a pure hash rule)
 * @param seed the seed of the record hash
 */
public record SplitConfig(List<String> names, List<BigDecimal> ratios, List<String> stratifyFields, long seed) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public SplitConfig {
        names = List.copyOf(names);
        ratios = List.copyOf(ratios);
        stratifyFields = List.copyOf(Objects.requireNonNull(stratifyFields));
        if (names.isEmpty() || names.size() != ratios.size()) {
            throw new IllegalArgumentException("the split names " + names + " and the ratios "
                    + ratios.stream().map(BigDecimal::toPlainString).toList() + " must be as many, at least one");
        }
        if (names.size() > 100) {
            throw new IllegalArgumentException("a corpus splits into at most 100 parts, not " + names.size());
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("the split names " + names + " name a split twice");
        }
        for (String n : names) {
            if (!NAME.matcher(n).matches()) {
                throw new IllegalArgumentException("the split name '" + n + "' cannot name a file; use letters, "
                        + "digits, '.', '_' and '-'");
            }
        }
        for (BigDecimal r : ratios) {
            if (r.signum() <= 0) {
                throw new IllegalArgumentException("every split ratio must be positive, not " + r.toPlainString());
            }
        }
    }

    /** Train/dev/test at 0.8/0.1/0.1, no strata, seed 1. */
    public static SplitConfig defaults() {
        return new SplitConfig(List.of("train", "dev", "test"),
                List.of(new BigDecimal("0.8"), new BigDecimal("0.1"), new BigDecimal("0.1")), List.of(), 1);
    }

    /** Each split's ratio divided by their sum, as doubles (for reporting and the pure hash rule). */
    public double[] shares() {
        BigDecimal sum = ratios.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        double[] out = new double[ratios.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ratios.get(i).doubleValue() / sum.doubleValue();
        }
        return out;
    }
}
