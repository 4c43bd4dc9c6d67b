package dev.debias.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.debias.core.Setting;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reading the {@linkplain FieldPath field paths} of a {@link FieldMapping} out of a JSON object, and writing a
 * record back into the object it was read from, so a nested record keeps its structure.
 */
final class NestedJson {
    /** Trees with exact decimals, under the same parser limits as the streaming reader. */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonlRecordReader.JSON)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    /** Between the texts of the values a text field path reaches, in the record's text. */
    static final String JOIN = "\n";

    /** One field of a mapping that is a path. */
    private record PathField(String name, FieldPath path, boolean text, String what, Setting setting) {}

    private final List<PathField> paths;

    /** The path fields of {@code fields}; validates each path. */
    NestedJson(FieldMapping fields) {
        List<PathField> p = new ArrayList<>();
        add(p, fields.textField(), true, "text", Setting.TEXT_FIELD);
        add(p, fields.labelField(), false, "label", Setting.LABEL_FIELD);
        add(p, fields.idField(), false, "id", Setting.ID_FIELD);
        for (String g : fields.groupFields()) {
            add(p, g, false, "group", Setting.GROUP_FIELD);
        }
        this.paths = List.copyOf(p);
    }

    private static void add(List<PathField> to, String name, boolean text, String what, Setting setting) {
        if (FieldPath.isPath(name)) {
            FieldPath path;
            try {
                path = FieldPath.parse(name);
            } catch (FieldPath.FieldPathException e) {
                throw new FieldPath.FieldPathException(e.getMessage() + " (named by " + setting + ")");
            }
            to.add(new PathField(name, path, text, what, setting));
        }
    }

    /** True when a field of the mapping is a path, so records must be read as trees. */
    boolean active() {
        return !paths.isEmpty();
    }

    /**
     * Adds to {@code row} the value of each path field that is no literal key of it: the texts a text path
     * reaches joined with {@link #JOIN}, the single value any other path reaches.
     *
     * @return whether a path was resolved in the tree; false when every path field was a literal key (the line
     *     is then not parsed again, and the record is as flat as before)
     * @throws InvalidRecordException naming the file, line and path when a path does not resolve, or a
     *     path other than the text's reaches more than one value
     */
    boolean resolveInto(Map<String, String> row, String line, Path file, long n) {
        if (paths.stream().allMatch(f -> row.get(f.name()) != null)) {
            return false; // the literal rule: a key of that exact name wins
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(file, n, "malformed JSON: " + e.getOriginalMessage());
        }
        for (PathField f : paths) {
            if (row.get(f.name()) != null) {
                continue;
            }
            List<FieldPath.Leaf> leaves;
            try {
                leaves = f.path().resolve(root);
            } catch (FieldPath.FieldPathException e) {
                throw new InvalidRecordException(file, n, e.getMessage() + " (the " + f.what() + " field, named by "
                        + f.setting() + ")");
            }
            if (f.text()) {
                row.put(f.name(), String.join(JOIN, leaves.stream().map(FieldPath.Leaf::value).toList()));
            } else if (leaves.size() != 1) {
                throw new InvalidRecordException(file, n, "the field path '" + f.name() + "' reaches " + leaves.size()
                        + " values (" + leaves.get(0).location() + ", ...), but the " + f.what() + " field (named by "
                        + f.setting() + ") needs one; use an index such as [0] instead of [*]");
            } else {
                row.put(f.name(), leaves.get(0).value());
            }
        }
        return true;
    }

    /**
     * A row of flat columns as the JSON object field paths resolve in: a column in {@code jsonColumns} (a
     * Parquet list, map or struct, read as compact JSON) or any value that is a JSON object or array is that
     * JSON, every other value a string, and null values absent.
     */
    static String document(Map<String, String> row, Set<String> jsonColumns) {
        ObjectNode doc = MAPPER.createObjectNode();
        for (var e : row.entrySet()) {
            String v = e.getValue();
            if (v == null) {
                continue;
            }
            JsonNode node = null;
            if (jsonColumns.contains(e.getKey()) || !v.isEmpty() && (v.charAt(0) == '[' || v.charAt(0) == '{')) {
                try {
                    node = MAPPER.readTree(v);
                } catch (JsonProcessingException notJson) {
                    node = null;   // text that only starts like JSON stays text
                }
            }
            doc.set(e.getKey(), node != null ? node : doc.textNode(v));
        }
        return doc.toString();
    }

    /**
     * The top-level values of {@code doc} as the flat columns of a row: strings as they are, numbers and booleans
     * as their text, lists and objects as compact JSON, nulls absent.
     */
    static Map<String, String> columns(ObjectNode doc) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (var e : doc.properties()) {
            JsonNode v = e.getValue();
            if (!v.isNull()) {
                out.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
            }
        }
        return out;
    }

    /** The value {@code path} reaches inside {@code attributes} (see {@link Record#attribute}). */
    static Optional<String> lookUp(FieldPath path, Map<String, String> attributes) {
        String v = attributes.get(path.root());
        if (v == null || v.isEmpty() || (v.charAt(0) != '{' && v.charAt(0) != '[')) {
            return Optional.empty();
        }
        ObjectNode root = MAPPER.createObjectNode();
        try {
            root.set(path.root(), MAPPER.readTree(v));
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
        List<FieldPath.Leaf> leaves;
        try {
            leaves = path.resolve(root);
        } catch (FieldPath.FieldPathException unresolved) {
            return Optional.empty();
        }
        if (leaves.size() != 1) {
            throw new FieldPath.FieldPathException("the field path '" + path + "' reaches " + leaves.size()
                    + " values, but names a single value here; use an index such as [0] instead of [*]");
        }
        return Optional.of(leaves.get(0).value());
    }

    /**
     * The JSON object to write for {@code r}, read through nested paths: the object it was read from, with each
     * attribute that changed written back (at its key, or at its path), keys of attributes it no longer has
     * removed, and its id, text and label set at their fields (a text path's values split at the line breaks
     * that joined them). Its {@code provenance} key is left out, for the writer to add.
     *
     * @throws CorpusFormatException when the text's line breaks no longer match the values it was joined from
     */
    static ObjectNode restore(Record r, FieldMapping f, Path target) {
        ObjectNode doc;
        try {
            doc = (ObjectNode) MAPPER.readTree(r.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the record's JSON no longer parses: " + e.getOriginalMessage(), e);
        }
        doc.remove("provenance");
        Set<String> keep = new HashSet<>(r.attributes().keySet());
        for (String field : new String[] {f.idField(), f.textField(), f.labelField()}) {
            if (field != null) {
                keep.add(field);
                if (FieldPath.isPath(field) && !doc.has(field)) {
                    keep.add(FieldPath.parse(field).root());
                }
            }
        }
        doc.properties().removeIf(e -> !keep.contains(e.getKey()));
        for (var e : r.attributes().entrySet()) {
            putValue(doc, e.getKey(), e.getValue());
        }
        if (r.label() != null) {
            putValue(doc, f.labelField(), r.label());
        }
        putText(doc, f.textField(), r, target);
        if (!doc.has(f.idField()) && !FieldPath.isPath(f.idField())) {
            ObjectNode first = MAPPER.createObjectNode();
            first.put(f.idField(), r.id());
            first.setAll(doc);
            return first;
        }
        putValue(doc, f.idField(), r.id());
        return doc;
    }

    /** Sets one value at a key, or at a path, keeping the node there (and its JSON type) when it already holds it. */
    private static void putValue(ObjectNode doc, String name, String value) {
        JsonNode have = doc.get(name);
        if (have != null || !FieldPath.isPath(name)) {
            if (have == null || !same(have, value)) {
                doc.put(name, value);
            }
            return;
        }
        FieldPath path = FieldPath.parse(name);
        List<FieldPath.Leaf> leaves;
        try {
            leaves = path.resolve(doc);
        } catch (FieldPath.FieldPathException missing) {
            path.put(doc, value);
            return;
        }
        if (leaves.size() != 1) {
            throw new FieldPath.FieldPathException("the field path '" + name + "' reaches " + leaves.size()
                    + " values, but names a single value here; use an index such as [0] instead of [*]");
        }
        path.set(doc, List.of(value));
    }

    private static void putText(ObjectNode doc, String field, Record r, Path target) {
        if (doc.has(field) || !FieldPath.isPath(field)) {
            putValue(doc, field, r.text());
            return;
        }
        FieldPath path = FieldPath.parse(field);
        List<String> was = path.resolve(doc).stream().map(FieldPath.Leaf::value).toList();
        if (r.text().equals(String.join(JOIN, was))) {
            return;
        }
        List<String> parts = new ArrayList<>(was.size());
        String t = r.text();
        int from = 0;
        for (int k = 0; k < was.size(); k++) {
            if (k == was.size() - 1) {
                String last = t.substring(from);
                if (count(last) != count(was.get(k))) {
                    throw lineBreaks(r, field, was.size(), target);
                }
                parts.add(last);
                break;
            }
            int sep = from - 1;
            for (int b = 0; b <= count(was.get(k)); b++) { // the value's own line breaks, then the joining one
                sep = t.indexOf('\n', sep + 1);
                if (sep < 0) {
                    throw lineBreaks(r, field, was.size(), target);
                }
            }
            parts.add(t.substring(from, sep));
            from = sep + 1;
        }
        path.set(doc, parts);
    }

    private static int count(String s) {
        int n = 0;
        for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) {
            n++;
        }
        return n;
    }

    /** True when {@code node} is what the reader turned into {@code value}. */
    private static boolean same(JsonNode node, String value) {
        if (node.isTextual() || node.isBoolean()) {
            return node.asText().equals(value);
        }
        if (node.isNumber()) {
            try {
                return node.decimalValue().compareTo(new BigDecimal(value)) == 0;
            } catch (NumberFormatException notANumber) {
                return false;
            }
        }
        try {
            return node.equals(MAPPER.readTree(value));
        } catch (JsonProcessingException notJson) {
            return false;
        }
    }

    private static CorpusFormatException lineBreaks(Record r, String field, int values, Path target) {
        return new CorpusFormatException(target, 0, "record " + r.id() + " has a text whose line breaks no longer match"
                + " the " + values + " values of the field path '" + field + "' it was joined from, so it cannot be"
                + " written back into its nested record");
    }
}
