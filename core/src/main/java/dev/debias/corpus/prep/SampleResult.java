package dev.debias.corpus.prep;

import dev.debias.corpus.ReadReport;
import java.nio.file.Path;
import java.util.List;

/**
 * What a sample wrote.
 *
 * @param out the output file
 * @param records records in the input
 * @param requested the size asked for (for a fraction, the fraction of the records, rounded half up)
 * @param sampled records written
 * @param notes why the size written differs from the size asked for, or what the allocation left out
 *     (strata too small for a record); empty when nothing needs saying
 * @param strata per stratum, its records and {@code [sampled]}, in order of first appearance
 * @param report what the reader skipped (second pass)
 */
public record SampleResult(Path out, long records, long requested, long sampled, List<String> notes,
        List<StratumCounts> strata, ReadReport report) {
    public SampleResult {
        notes = List.copyOf(notes);
        strata = List.copyOf(strata);
    }
}
