package dev.debias.augment;

import dev.debias.audit.Axis;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.GroupValueMap;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.RecordReader;
import java.nio.file.Path;

/**
 * Decides where a corpus' groups come from: the first group field of the read options whose values
 * stand for the axis' groups (by a {@link GroupValueMap}, then by name) in more than half of the corpus' first {@value #SAMPLE} records, or,
 * when no field qualifies, the axis lexicon.
 */
final class GroupInference {
    /** How many records of each group field are looked at. */
    static final int SAMPLE = 1000;

    private GroupInference() {}

    /** The group field to take groups from, or null to detect them with the axis lexicon. */
    static String groupField(Path input, ReadOptions read, Axis axis) {
        return groupField(input, read, axis, GroupValueMap.NONE);
    }

    /** The group field to take groups from, values read as groups by {@code map}; or null for the lexicon. */
    static String groupField(Path input, ReadOptions read, Axis axis, GroupValueMap map) {
        for (String f : read.fields().groupFields()) {
            try (RecordReader r = CorpusReaders.open(input, read)) {
                long mapped = 0;
                long seen = 0;
                while (r.hasNext() && seen < SAMPLE) {
                    String v = r.next().attributes().getOrDefault(f, "");
                    seen++;
                    if (GroupValues.groupOf(v, axis.groups(), map) != null) {
                        mapped++;
                    }
                }
                if (mapped * 2 > seen) {
                    return f;
                }
            }
        }
        return null;
    }
}
