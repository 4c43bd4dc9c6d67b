package dev.debias.corpus;

import java.util.Objects;

/**
 * Where a record came from: its {@code source} (for a record read from a file, {@code file:line};
 * for a generated one, the generator and its settings), and, for a record made by a transform, the
 * id of the record it was made from ({@code parentId}) and the transform's name (e.g.
 * {@code counterfactual:gender}).
 *
 * @param source where the original record was read or generated; never null
 * @param parentId the id of the record this one was derived from, or null for an original
 * @param transform the name of the transform that made this record, or null for an original
 */
public record Provenance(String source, String parentId, String transform) {
    public Provenance {
        Objects.requireNonNull(source, "source");
        if ((parentId == null) != (transform == null)) {
            throw new IllegalArgumentException("parentId and transform are given together or not at all");
        }
    }

    /** The provenance of a record read or generated as is. */
    public static Provenance original(String source) {
        return new Provenance(source, null, null);
    }

    /** The provenance of a record derived from {@code parent} by {@code transform}. */
    public static Provenance derived(Record parent, String transform) {
        return new Provenance(parent.provenance().source(), parent.id(), Objects.requireNonNull(transform));
    }

    /** True when the record was read or generated as is rather than made by a transform. */
    public boolean isOriginal() {
        return transform == null;
    }
}
