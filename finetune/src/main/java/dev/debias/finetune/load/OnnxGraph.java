package dev.debias.finetune.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX model a weight loader needs, read straight from its protobuf bytes: the
 * graph's nodes (operator, inputs, outputs) and its float initializers (name, shape, values). No
 * protobuf library is involved; unknown fields are skipped, so any ONNX version reads.
 */
public final class OnnxGraph {
    /** ONNX TensorProto data type FLOAT. */
    private static final int FLOAT = 1;

    /**
     * One graph node.
     *
     * @param constant for a {@code Constant} node holding integers, its values; else empty
     */
    public record Node(String name, String opType, List<String> inputs, List<String> outputs, long[] constant) {}

    /** A float tensor initializer. */
    public record Tensor(String name, long[] dims, float[] data) {
        /** Number of elements. */
        public int size() {
            return data.length;
        }
    }

    private final List<Node> nodes;
    private final Map<String, Tensor> initializers;

    private OnnxGraph(List<Node> nodes, Map<String, Tensor> initializers) {
        this.nodes = Collections.unmodifiableList(nodes);
        this.initializers = Collections.unmodifiableMap(initializers);
    }

    /** The nodes, in graph order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The float initializers by name, in file order. */
    public Map<String, Tensor> initializers() {
        return initializers;
    }

    /** Reads a model (closes the stream). */
    public static OnnxGraph read(InputStream in) throws IOException {
        byte[] bytes;
        try (in) {
            bytes = in.readAllBytes();
        }
        return parse(bytes);
    }

    /**
     * Parses ModelProto bytes.
     *
     * @throws IOException when the bytes are not a well-formed ONNX model
     */
    public static OnnxGraph parse(byte[] bytes) throws IOException {
        Reader model = new Reader(bytes, 0, bytes.length);
        List<Node> nodes = new ArrayList<>();
        Map<String, Tensor> inits = new LinkedHashMap<>();
        boolean sawGraph = false;
        while (model.more()) {
            int tag = model.tag();
            if (tag >>> 3 == 7 && (tag & 7) == 2) {
                sawGraph = true;
                Reader graph = model.sub();
                while (graph.more()) {
                    int t = graph.tag();
                    if (t >>> 3 == 1 && (t & 7) == 2) {
                        nodes.add(node(graph.sub()));
                    } else if (t >>> 3 == 5 && (t & 7) == 2) {
                        Tensor tensor = tensor(graph.sub());
                        if (tensor != null) {
                            inits.put(tensor.name(), tensor);
                        }
                    } else {
                        graph.skip(t);
                    }
                }
            } else {
                model.skip(tag);
            }
        }
        if (!sawGraph) {
            throw new IOException("not an ONNX model: no graph");
        }
        return new OnnxGraph(nodes, inits);
    }

    private static Node node(Reader r) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String op = "";
        long[] constant = new long[0];
        while (r.more()) {
            int t = r.tag();
            switch (t >>> 3) {
                case 1 -> inputs.add(r.string());
                case 2 -> outputs.add(r.string());
                case 3 -> name = r.string();
                case 4 -> op = r.string();
                case 5 -> constant = attributeInts(r.sub(), constant);
                default -> r.skip(t);
            }
        }
        return new Node(name, op, List.copyOf(inputs), List.copyOf(outputs), constant);
    }

    /** The integers of an attribute's tensor ({@code value} of a Constant node), or {@code previous}. */
    private static long[] attributeInts(Reader r, long[] previous) throws IOException {
        long[] out = previous;
        while (r.more()) {
            int t = r.tag();
            if (t >>> 3 == 5 && (t & 7) == 2) {
                out = tensorInts(r.sub());
            } else {
                r.skip(t);
            }
        }
        return out;
    }

    private static long[] tensorInts(Reader r) throws IOException {
        List<Long> values = new ArrayList<>();
        byte[] raw = null;
        int type = 0;
        while (r.more()) {
            int t = r.tag();
            int field = t >>> 3;
            int wire = t & 7;
            if (field == 2 && wire == 0) {
                type = (int) r.varint();
            } else if (field == 7 && wire == 2) {
                Reader p = r.sub();
                while (p.more()) {
                    values.add(p.varint());
                }
            } else if (field == 7 && wire == 0) {
                values.add(r.varint());
            } else if (field == 9 && wire == 2) {
                raw = r.bytes();
            } else {
                r.skip(t);
            }
        }
        if (type != 7) {
            return new long[0];
        }
        if (raw != null) {
            long[] out = new long[raw.length / 8];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
            return out;
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** A float initializer, or null for other data types. */
    private static Tensor tensor(Reader r) throws IOException {
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = "";
        byte[] raw = null;
        List<Float> floats = new ArrayList<>();
        while (r.more()) {
            int t = r.tag();
            int field = t >>> 3;
            int wire = t & 7;
            if (field == 1 && wire == 0) {
                dims.add(r.varint());
            } else if (field == 1 && wire == 2) {
                Reader p = r.sub();
                while (p.more()) {
                    dims.add(p.varint());
                }
            } else if (field == 2 && wire == 0) {
                type = (int) r.varint();
            } else if (field == 4 && wire == 2) {
                Reader p = r.sub();
                while (p.more()) {
                    floats.add(Float.intBitsToFloat(p.fixed32()));
                }
            } else if (field == 4 && wire == 5) {
                floats.add(Float.intBitsToFloat(r.fixed32()));
            } else if (field == 8 && wire == 2) {
                name = r.string();
            } else if (field == 9 && wire == 2) {
                raw = r.bytes();
            } else if (field == 14 && wire == 0) {
                long location = r.varint();
                if (location == 1) {
                    throw new IOException("initializer " + name + " keeps its data in an external file; "
                            + "give a model with the weights inside the .onnx file");
                }
            } else {
                r.skip(t);
            }
        }
        if (type != FLOAT) {
            return null;
        }
        long[] d = dims.stream().mapToLong(Long::longValue).toArray();
        long n = 1;
        for (long x : d) {
            n *= x;
        }
        float[] data;
        if (raw != null) {
            if (raw.length != n * 4) {
                throw new IOException("initializer " + name + ": " + raw.length + " bytes for " + n + " floats");
            }
            data = new float[(int) n];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        } else {
            if (floats.size() != n) {
                throw new IOException("initializer " + name + ": " + floats.size() + " values for shape "
                        + java.util.Arrays.toString(d));
            }
            data = new float[(int) n];
            for (int i = 0; i < data.length; i++) {
                data[i] = floats.get(i);
            }
        }
        return new Tensor(name, d, data);
    }

    /** A protobuf wire-format reader over a byte range. */
    private static final class Reader {
        private final byte[] b;
        private int pos;
        private final int end;

        Reader(byte[] b, int from, int to) {
            this.b = b;
            this.pos = from;
            this.end = to;
        }

        boolean more() {
            return pos < end;
        }

        int tag() throws IOException {
            return (int) varint();
        }

        long varint() throws IOException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IOException("truncated ONNX file (varint at byte " + pos + ")");
                }
                byte x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new IOException("malformed varint at byte " + pos);
        }

        int fixed32() throws IOException {
            if (pos + 4 > end) {
                throw new IOException("truncated ONNX file at byte " + pos);
            }
            int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
            pos += 4;
            return v;
        }

        Reader sub() throws IOException {
            int len = (int) varint();
            if (len < 0 || pos + len > end) {
                throw new IOException("truncated ONNX file: a field of " + len + " bytes at byte " + pos);
            }
            Reader r = new Reader(b, pos, pos + len);
            pos += len;
            return r;
        }

        byte[] bytes() throws IOException {
            Reader r = sub();
            return java.util.Arrays.copyOfRange(b, r.pos, r.end);
        }

        String string() throws IOException {
            Reader r = sub();
            return new String(b, r.pos, r.end - r.pos, StandardCharsets.UTF_8);
        }

        void skip(int tag) throws IOException {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> sub();
                case 5 -> pos += 4;
                default -> throw new IOException("unsupported protobuf wire type " + (tag & 7) + " at byte " + pos);
            }
            if (pos > end) {
                throw new IOException("truncated ONNX file at byte " + pos);
            }
        }
    }
}
