package dev.debias.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path to values inside a nested JSON record, as field settings name it: a top-level key followed by
 * {@code .key} (a field of an object), {@code [N]} (element N of an array, from 0) or {@code [*]} (every
 * element of an array, in order), e.g. {@code meta.source}, {@code messages[0].content},
 * {@code messages[*].content}. A key is one or more characters other than {@code .}, {@code [} and {@code ]};
 * there is no escaping.
 *
 * <p><b>The literal rule.</b> A field name is first looked up as a literal top-level key: a record that has a
 * key {@code meta.source} gives that key's value, whatever the name looks like. Only a name that is no key of
 * the record, and {@linkplain #isPath looks like a path} (holds {@code .} or {@code [}), is read as a path. A
 * name without {@code .} and {@code [} is always a plain key, so flat corpora read exactly as before.
 *
 * <p>A path resolves to its {@linkplain Leaf leaves}: each must be a string, number or boolean (a number gives its
 * value's decimal text); a missing key, an index past the end, JSON {@code null}, an object or array where a value
 * is expected, or a {@code [*]} over an empty array is a {@link FieldPathException} saying where it failed.
 * Immutable.
 */
public final class FieldPath {
    private final String text;
    private final List<Step> steps;

    /** One step of a path: a key of an object, or an array index ({@link #ALL} for {@code [*]}). */
    private record Step(String key, int index) {
        static final int ALL = -1;

        boolean isKey() {
            return key != null;
        }
    }

    /**
     * One value a path resolves to.
     *
     * @param location where it is, with every {@code [*]} made concrete, e.g. {@code messages[1].content}
     * @param value its text
     */
    public record Leaf(String location, String value) {}

    /** Thrown for a path that is malformed or does not resolve on a record; the message says where and why. */
    public static final class FieldPathException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        FieldPathException(String message) {
            super(message);
        }
    }

    private FieldPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** True when {@code name} holds {@code .} or {@code [}, so that it is read as a path where no key has that name. */
    public static boolean isPath(String name) {
        return name != null && (name.indexOf('.') >= 0 || name.indexOf('[') >= 0);
    }

    /**
     * Parses {@code path}.
     *
     * @throws FieldPathException naming the path and the character where it is malformed: an empty key
     *     ({@code a..b}, a leading or trailing dot), an unclosed or empty bracket, an index that is not
     *     {@code *} or a non-negative whole number, or a stray {@code ]}
     */
    public static FieldPath parse(String path) {
        Objects.requireNonNull(path, "path");
        List<Step> steps = new ArrayList<>();
        int i = 0;
        int n = path.length();
        boolean expectKey = true;
        while (i < n || expectKey) {
            if (expectKey) {
                int start = i;
                while (i < n && path.charAt(i) != '.' && path.charAt(i) != '[' && path.charAt(i) != ']') {
                    i++;
                }
                if (i == start) {
                    throw malformed(path, start, i < n && path.charAt(i) == ']' ? "a ']' without '['" : "an empty key");
                }
                steps.add(new Step(path.substring(start, i), 0));
                expectKey = false;
            } else if (path.charAt(i) == '.') {
                i++;
                expectKey = true;
            } else if (path.charAt(i) == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw malformed(path, i, "a '[' without ']'");
                }
                String inside = path.substring(i + 1, close);
                steps.add(new Step(null, index(path, i, inside)));
                i = close + 1;
            } else {
                throw malformed(path, i, "'" + path.charAt(i) + "' where '.' or '[' belongs");
            }
        }
        return new FieldPath(path, List.copyOf(steps));
    }

    private static int index(String path, int at, String inside) {
        if (inside.equals("*")) {
            return Step.ALL;
        }
        if (inside.isEmpty() || !inside.chars().allMatch(c -> c >= '0' && c <= '9') || inside.length() > 9) {
            throw malformed(path, at, "the index '[" + inside + "]' (write [*] or a whole number from 0)");
        }
        return Integer.parseInt(inside);
    }

    private static FieldPathException malformed(String path, int at, String what) {
        return new FieldPathException("the field path '" + path + "' is malformed: " + what + " at character " + (at + 1)
                + "; a path is a key followed by .key, [N] or [*], e.g. messages[*].content or meta.source");
    }

    /** The path as written. */
    public String text() {
        return text;
    }

    /** The top-level key the path starts from. */
    public String root() {
        return steps.get(0).key();
    }

    /** True when the path holds a {@code [*]}, so it may resolve to any number of leaves. */
    public boolean hasWildcard() {
        return steps.stream().anyMatch(s -> !s.isKey() && s.index() == Step.ALL);
    }

    /**
     * The values the path reaches in {@code root}, in document order.
     *
     * @throws FieldPathException saying which location failed and why (see the class comment)
     */
    public List<Leaf> resolve(JsonNode root) {
        List<Leaf> out = new ArrayList<>();
        List<JsonNode> nodes = new ArrayList<>();
        walk(root, 0, "", out, nodes);
        return out;
    }

    /**
     * Replaces the values the path reaches in {@code root} with {@code values}, in the order {@link #resolve}
     * gives them; a value equal to the text it replaces keeps its JSON type (a number stays a number), any
     * other becomes a string. Changes {@code root} in place.
     *
     * @throws FieldPathException when the path does not resolve, or resolves to another number of values
     */
    public void set(JsonNode root, List<String> values) {
        List<Leaf> leaves = new ArrayList<>();
        List<JsonNode> parents = new ArrayList<>();
        walk(root, 0, "", leaves, parents);
        if (leaves.size() != values.size()) {
            throw new FieldPathException("the field path '" + text + "' reaches " + leaves.size() + " value(s), but "
                    + values.size() + " were given to set");
        }
        Step last = steps.get(steps.size() - 1);
        for (int k = 0; k < leaves.size(); k++) {
            String v = values.get(k);
            if (v.equals(leaves.get(k).value())) {
                continue;
            }
            JsonNode parent = parents.get(k);
            if (last.isKey()) {
                ((ObjectNode) parent).set(last.key(), TextNode.valueOf(v));
            } else {
                int idx = last.index() == Step.ALL ? lastIndex(leaves.get(k).location()) : last.index();
                ((ArrayNode) parent).set(idx, TextNode.valueOf(v));
            }
        }
    }

    /**
     * Sets the single value of a path without {@code [*]} or indexes in {@code root}, making the objects on the
     * way where they are missing. Changes {@code root} in place.
     *
     * @throws FieldPathException when the path has an index, or a step on the way is not an object
     */
    public void put(ObjectNode root, String value) {
        ObjectNode at = root;
        for (int k = 0; k < steps.size() - 1; k++) {
            Step s = steps.get(k);
            if (!s.isKey()) {
                throw new FieldPathException("the field path '" + text + "' has an index, so a missing value cannot be added at it");
            }
            JsonNode next = at.get(s.key());
            if (next == null || next.isNull()) {
                at = at.putObject(s.key());
            } else if (next instanceof ObjectNode o) {
                at = o;
            } else {
                throw new FieldPathException("the field path '" + text + "' goes through '" + s.key()
                        + "', which is " + kind(next) + ", not an object");
            }
        }
        Step last = steps.get(steps.size() - 1);
        if (!last.isKey()) {
            throw new FieldPathException("the field path '" + text + "' has an index, so a missing value cannot be added at it");
        }
        at.set(last.key(), TextNode.valueOf(value));
    }

    private static int lastIndex(String location) {
        int open = location.lastIndexOf('[');
        return Integer.parseInt(location.substring(open + 1, location.length() - 1));
    }

    /** Collects the leaves below {@code node} from step {@code k}, and beside each the container holding it. */
    private void walk(JsonNode node, int k, String where, List<Leaf> out, List<JsonNode> parents) {
        Step s = steps.get(k);
        boolean leafStep = k == steps.size() - 1;
        if (s.isKey()) {
            String here = where.isEmpty() ? s.key() : where + "." + s.key();
            if (!(node instanceof ObjectNode)) {
                throw unresolved("'" + where + "' is " + kind(node) + ", not an object with a field '" + s.key() + "'");
            }
            JsonNode child = node.get(s.key());
            if (child == null || child.isNull()) {
                throw unresolved(where.isEmpty() ? "the record has no field '" + s.key() + "'"
                        : "'" + where + "' has no field '" + s.key() + "'");
            }
            step(node, child, k, here, leafStep, out, parents);
        } else {
            if (!(node instanceof ArrayNode array)) {
                throw unresolved("'" + where + "' is " + kind(node) + ", not an array");
            }
            if (s.index() == Step.ALL) {
                if (array.isEmpty()) {
                    throw unresolved("'" + where + "' is an empty array");
                }
                for (int i = 0; i < array.size(); i++) {
                    step(array, array.get(i), k, where + "[" + i + "]", leafStep, out, parents);
                }
            } else {
                if (s.index() >= array.size()) {
                    throw unresolved("'" + where + "' has " + array.size() + " element(s), so no [" + s.index() + "]");
                }
                step(array, array.get(s.index()), k, where + "[" + s.index() + "]", leafStep, out, parents);
            }
        }
    }

    private void step(JsonNode parent, JsonNode child, int k, String here, boolean leafStep, List<Leaf> out,
            List<JsonNode> parents) {
        if (!leafStep) {
            walk(child, k + 1, here, out, parents);
            return;
        }
        if (child.isNull()) {
            throw unresolved("'" + here + "' is null");
        }
        if (!child.isValueNode()) {
            throw unresolved("'" + here + "' is " + kind(child) + ", not a text value");
        }
        out.add(new Leaf(here, child.asText()));
        parents.add(parent);
    }

    private FieldPathException unresolved(String why) {
        return new FieldPathException("the field path '" + text + "' does not resolve: " + why);
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "an array";
        }
        return n.isTextual() ? "a string" : n.isNumber() ? "a number" : "a boolean";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
