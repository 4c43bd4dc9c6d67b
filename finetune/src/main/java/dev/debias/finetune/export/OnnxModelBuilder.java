package dev.debias.finetune.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the nodes, initializers, inputs and outputs of one ONNX graph and writes them as a
 * ModelProto (IR version 8, default-domain opset 17, producer {@code debias}). Field numbers are
 * those of {@code onnx.proto}. Every value name may be defined once; {@link #op} invents names for
 * intermediate values.
 */
final class OnnxModelBuilder {
    /** TensorProto data type FLOAT. */
    static final int FLOAT = 1;
    /** TensorProto data type INT64. */
    static final int INT64 = 7;
    private static final long IR_VERSION = 8;
    private static final long OPSET = 17;
    // AttributeProto.AttributeType
    private static final int ATTR_FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_TENSOR = 4;
    private static final int ATTR_INTS = 7;

    /** One node attribute; build with {@link #f}, {@link #i}, {@link #ints}. */
    record Attribute(String name, Protobuf encoded) {}

    private final String graphName;
    private final List<Protobuf> nodes = new ArrayList<>();
    private final List<Protobuf> initializers = new ArrayList<>();
    private final List<Protobuf> inputs = new ArrayList<>();
    private final List<Protobuf> outputs = new ArrayList<>();
    private final Set<String> defined = new HashSet<>();
    private int counter;

    OnnxModelBuilder(String graphName) {
        this.graphName = graphName;
    }

    /**
     * Declares a graph input; each dimension is a {@code Long} (fixed) or a {@code String} (symbolic).
     */
    String input(String name, int elemType, Object... dims) {
        define(name);
        inputs.add(valueInfo(name, elemType, dims));
        return name;
    }

    /** Declares {@code name} (defined by a node) a graph output, as {@link #input} declares inputs. */
    void output(String name, int elemType, Object... dims) {
        if (!defined.contains(name)) {
            throw new IllegalStateException("graph output " + name + " is computed by no node");
        }
        outputs.add(valueInfo(name, elemType, dims));
    }

    /** Adds a float initializer (row-major {@code data} of shape {@code dims}); returns its name. */
    String floats(String name, long[] dims, float[] data) {
        checkSize(name, dims, data.length);
        ByteBuffer raw = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        define(name);
        initializers.add(tensor(name, dims, FLOAT, raw.array()));
        return name;
    }

    /** Adds an int64 constant as a {@code Constant} node (so readers that follow nodes see it); returns its name. */
    String longs(String name, long[] dims, long[] data) {
        checkSize(name, dims, data.length);
        ByteBuffer raw = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(data);
        Protobuf attr = new Protobuf().string(1, "value").message(5, tensor(name, dims, INT64, raw.array()))
                .varint(20, ATTR_TENSOR);
        opNamed(name, "Constant", List.of(), new Attribute("value", attr));
        return name;
    }

    /** Adds a one-element float constant of shape {@code []}, broadcastable against anything. */
    String scalar(String name, float value) {
        return floats(name, new long[0], new float[] {value});
    }

    /** Adds node {@code opType} over {@code in} with a fresh output name, which it returns. */
    String op(String opType, List<String> in, Attribute... attributes) {
        String out;
        do {
            out = opType.toLowerCase(java.util.Locale.ROOT) + "_" + counter++;
        } while (defined.contains(out));
        return opNamed(out, opType, in, attributes);
    }

    /** Adds node {@code opType} over {@code in} whose output is {@code out}; returns {@code out}. */
    String opNamed(String out, String opType, List<String> in, Attribute... attributes) {
        for (String i : in) {
            if (!i.isEmpty() && !defined.contains(i)) {
                throw new IllegalStateException(opType + " reads " + i + ", which nothing defines yet");
            }
        }
        define(out);
        Protobuf node = new Protobuf();
        in.forEach(i -> node.string(1, i));
        node.string(2, out).string(3, out).string(4, opType);
        for (Attribute a : attributes) {
            node.message(5, a.encoded());
        }
        nodes.add(node);
        return out;
    }

    /** A float attribute. */
    static Attribute f(String name, float value) {
        return new Attribute(name, new Protobuf().string(1, name).float32(2, value).varint(20, ATTR_FLOAT));
    }

    /** An integer attribute. */
    static Attribute i(String name, long value) {
        return new Attribute(name, new Protobuf().string(1, name).varint(3, value).varint(20, ATTR_INT));
    }

    /** An integer-list attribute. */
    static Attribute ints(String name, long... values) {
        Protobuf p = new Protobuf().string(1, name);
        for (long v : values) {
            p.varint(8, v);
        }
        return new Attribute(name, p.varint(20, ATTR_INTS));
    }

    /** The ModelProto bytes. */
    byte[] toModel() {
        Protobuf graph = new Protobuf();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, graphName);
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(v -> graph.message(11, v));
        outputs.forEach(v -> graph.message(12, v));
        return new Protobuf().varint(1, IR_VERSION).string(2, "debias")
                .message(7, graph).message(8, new Protobuf().string(1, "").varint(2, OPSET)).toByteArray();
    }

    private void define(String name) {
        if (name.isEmpty() || !defined.add(name)) {
            throw new IllegalStateException("value name '" + name + "' is empty or defined twice");
        }
    }

    private static void checkSize(String name, long[] dims, int length) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + java.util.Arrays.toString(dims)
                    + " holds " + n + " values, not " + length);
        }
    }

    private static Protobuf tensor(String name, long[] dims, int type, byte[] raw) {
        Protobuf t = new Protobuf();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, type).string(8, name).bytes(9, raw);
    }

    private static Protobuf valueInfo(String name, int elemType, Object... dims) {
        Protobuf shape = new Protobuf();
        for (Object d : dims) {
            Protobuf dim = switch (d) {
                case Long v -> new Protobuf().varint(1, v);
                case Integer v -> new Protobuf().varint(1, v);
                case String s -> new Protobuf().string(2, s);
                default -> throw new IllegalArgumentException("a dimension is a number or a name, not " + d);
            };
            shape.message(1, dim);
        }
        Protobuf tensorType = new Protobuf().varint(1, elemType).message(2, shape);
        return new Protobuf().string(1, name).message(2, new Protobuf().message(1, tensorType));
    }
}
