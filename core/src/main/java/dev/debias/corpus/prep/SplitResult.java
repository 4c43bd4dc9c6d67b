package dev.debias.corpus.prep;

import dev.debias.corpus.ReadReport;
import java.nio.file.Path;
import java.util.List;

/**
 * What a split wrote.
 *
 * @param names the splits, in order
 * @param files the file of each split, in order
 * @param counts records per split, in order
 * @param strata counts per stratum and split, strata in order of first appearance (one stratum {@code (all)}
 *     without stratification)
 * @param records records read
 * @param stratified whether the stratified rank rule was used (else the pure hash rule)
 * @param report what the reader skipped
 */
public record SplitResult(List<String> names, List<Path> files, List<Long> counts, List<StratumCounts> strata,
        long records, boolean stratified, ReadReport report) {
    public SplitResult {
        names = List.copyOf(names);
        files = List.copyOf(files);
        counts = List.copyOf(counts);
        strata = List.copyOf(strata);
    }
}
