package dev.debias.corpus.prep;

import dev.debias.corpus.ReadReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What tagging wrote.
 *
 * @param out the output file
 * @param records records read and written
 * @param fields the fields added, one per axis, in order
 * @param values per added field, how many records got each value (the empty value: no group named), values
 *     in order of first appearance
 * @param report what the reader skipped
 */
public record TagResult(Path out, long records, List<String> fields, Map<String, Map<String, Long>> values,
        ReadReport report) {}
