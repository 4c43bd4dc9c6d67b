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
 */
public record Record(String id, String text, String label, Map<String, String> attributes, Provenance provenance) {
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

    /** A record without label or attributes, whose provenance source is its id. */
    public static Record of(String id, String text) {
        return new Record(id, text, null, Map.of(), Provenance.original(id));
    }

    /** The label, if the record has one. */
    public Optional<String> optLabel() {
        return Optional.ofNullable(label);
    }

    /** The value of the named attribute, if present. */
    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** A copy with another text. */
    public Record withText(String newText) {
        return new Record(id, newText, label, attributes, provenance);
    }

    /** A copy with another label (null removes it). */
    public Record withLabel(String newLabel) {
        return new Record(id, text, newLabel, attributes, provenance);
    }

    /** A copy with one attribute set (added at the end, or replaced in place). */
    public Record withAttribute(String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(attributes);
        m.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return new Record(id, text, label, m, provenance);
    }

    /** A copy with another id and provenance, as made by a transform. */
    public Record derive(String newId, String newText, String transform) {
        return new Record(newId, newText, label, attributes, Provenance.derived(this, transform));
    }
}
