package dev.debias.corpus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One example of a corpus: an id, the text, an optional label, named attributes (ground-truth
 * group columns such as {@code gender}, a weight, and every other field of the input, in input
 * order), and its provenance. Immutable; the {@code with*} methods return modified copies.
 *
 * @param id unique within its corpus; never null or blank
 * @param text the document's text; never null (may be empty)
 * @param label the class label, or null when the corpus has none
 * @param attributes every other field, by name, in input order; never null
 * @param provenance where the record came from; never null
 * @param json the JSON object the record was read from, when a nested {@link FieldPath} was resolved on it in
 *     JSON Lines (so a JSON Lines writer can keep its structure, writing back only what changed); else null
 */
public record Record(String id, String text, String label, Map<String, String> attributes, Provenance provenance,
        String json) {
    public Record {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a record id must not be blank");
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(provenance, "provenance");
        attributes = attributes == null || attributes.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        for (var e : attributes.entrySet()) {
            Objects.requireNonNull(e.getKey(), "attribute name");
            Objects.requireNonNull(e.getValue(), () -> "value of attribute " + e.getKey());
        }
    }

    /** A record that was not read through a nested field path ({@link #json()} is null). */
    public Record(String id, String text, String label, Map<String, String> attributes, Provenance provenance) {
        this(id, text, label, attributes, provenance, null);
    }

    /** A record without label or attributes, whose provenance source is its id. */
    public static Record of(String id, String text) {
        return new Record(id, text, null, Map.of(), Provenance.original(id));
    }

    /** The label, if the record has one. */
    public Optional<String> optLabel() {
        return Optional.ofNullable(label);
    }

    /**
     * The value of the named attribute, if present. Where no attribute has that name and the name is a
     * {@linkplain FieldPath#isPath path}, the single value the path reaches inside the attribute named by its
     * first key (a nested object or array, held as its JSON text); empty when it reaches none.
     *
     * @throws FieldPath.FieldPathException when the name is a malformed path, or a path reaching several values
     */
    public Optional<String> attribute(String name) {
        String v = attributes.get(name);
        if (v != null || !FieldPath.isPath(name)) {
            return Optional.ofNullable(v);
        }
        return NestedJson.lookUp(FieldPath.parse(name), attributes);
    }

    /** A copy with another text. */
    public Record withText(String newText) {
        return new Record(id, newText, label, attributes, provenance, json);
    }

    /** A copy with another label (null removes it). */
    public Record withLabel(String newLabel) {
        return new Record(id, text, newLabel, attributes, provenance, json);
    }

    /** A copy with one attribute set (added at the end, or replaced in place). */
    public Record withAttribute(String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(attributes);
        m.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return new Record(id, text, label, m, provenance, json);
    }

    /** A copy with another id and provenance, as made by a transform. */
    public Record derive(String newId, String newText, String transform) {
        return new Record(newId, newText, label, attributes, Provenance.derived(this, transform), json);
    }
}
