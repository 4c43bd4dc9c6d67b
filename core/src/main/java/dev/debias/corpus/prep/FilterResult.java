package dev.debias.corpus.prep;

import dev.debias.corpus.ReadReport;
import java.nio.file.Path;

/**
 * What a filter wrote.
 *
 * @param out the output file
 * @param records records read
 * @param kept records written
 * @param dropped records left out
 * @param report what the reader skipped
 */
public record FilterResult(Path out, long records, long kept, long dropped, ReadReport report) {}
