package dev.debias.finetune.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.debias.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The protobuf reader on hand-made models and on garbage. */
class OnnxGraphTest {
    // ---- a tiny protobuf writer, enough to hand-make ModelProto bytes ----
    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] bytes) {
        varint(out, (long) number << 3 | 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void field(ByteArrayOutputStream out, int number, String s) {
        field(out, number, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void number(ByteArrayOutputStream out, int number, long v) {
        varint(out, (long) number << 3);
        varint(out, v);
    }

    private static byte[] floatTensor(String name, long[] dims, float[] values) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        for (long d : dims) {
            number(t, 1, d);
        }
        number(t, 2, 1); // FLOAT
        field(t, 8, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        field(t, 9, raw.array());
        return t.toByteArray();
    }

    private static byte[] node(String name, String op, List<String> in, List<String> out) {
        ByteArrayOutputStream n = new ByteArrayOutputStream();
        in.forEach(i -> field(n, 1, i));
        out.forEach(o -> field(n, 2, o));
        field(n, 3, name);
        field(n, 4, op);
        return n.toByteArray();
    }

    private static byte[] model(byte[]... graphFields) {
        ByteArrayOutputStream g = new ByteArrayOutputStream();
        for (byte[] f : graphFields) {
            g.writeBytes(f);
        }
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        number(m, 1, 8); // ir_version, skipped
        field(m, 2, "test"); // producer_name, skipped
        field(m, 7, g.toByteArray());
        return m.toByteArray();
    }

    private static byte[] graphField(int number, byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, number, bytes);
        return out.toByteArray();
    }

    @Test
    void readsNodesAndFloatInitializers() throws Exception {
        byte[] bytes = model(
                graphField(1, node("mm", "MatMul", List.of("x", "onnx::MatMul_1"), List.of("y"))),
                graphField(1, node("add", "Add", List.of("dense.bias", "y"), List.of("z"))),
                graphField(5, floatTensor("onnx::MatMul_1", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6})),
                graphField(5, floatTensor("dense.bias", new long[] {3}, new float[] {0.5f, -1f, 2f})));
        OnnxGraph g = OnnxGraph.parse(bytes);
        assertEquals(2, g.nodes().size());
        assertEquals("MatMul", g.nodes().get(0).opType());
        assertEquals(List.of("x", "onnx::MatMul_1"), g.nodes().get(0).inputs());
        assertEquals(List.of("z"), g.nodes().get(1).outputs());
        assertEquals(List.of("onnx::MatMul_1", "dense.bias"), List.copyOf(g.initializers().keySet()));
        assertEquals(6, g.initializers().get("onnx::MatMul_1").size());
        assertEquals(-1f, g.initializers().get("dense.bias").data()[1]);
    }

    @Test
    void garbageIsAnIoException() {
        for (byte[] garbage : List.of(new byte[0], "not an onnx model".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, new byte[] {0x3A, 0x7F, 0x01},
                "{\"json\": true}".getBytes(StandardCharsets.UTF_8))) {
            assertThrows(IOException.class, () -> OnnxGraph.parse(garbage), new String(garbage, StandardCharsets.UTF_8));
        }
        assertTrue(assertThrows(IOException.class, () -> OnnxGraph.parse(new byte[0])).getMessage().contains("no graph"));
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 500; i++) {
            byte[] b = new byte[1 + r.nextInt(400)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) r.nextInt(256);
            }
            try {
                OnnxGraph.parse(b);
                fail("random bytes #" + i + " parsed as a model");
            } catch (IOException expected) {
                // fine
            } catch (RuntimeException e) {
                throw new AssertionError("random bytes #" + i + " failed with " + e + " instead of an IOException", e);
            }
        }
    }

    @Test
    void aTruncatedModelIsAnIoException() {
        byte[] bytes = model(graphField(5, floatTensor("dense.bias", new long[] {3}, new float[] {0.5f, -1f, 2f})));
        for (int cut = 1; cut < bytes.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(bytes, cut);
            assertThrows(IOException.class, () -> OnnxGraph.parse(part), "cut at " + cut);
        }
    }

    @Test
    void anInitializerWhoseDataDoesNotMatchItsShapeIsAnIoException() {
        byte[] bytes = model(graphField(5, floatTensor("w", new long[] {2, 2}, new float[] {1, 2, 3})));
        assertTrue(assertThrows(IOException.class, () -> OnnxGraph.parse(bytes)).getMessage()
                .contains("initializer w: 12 bytes for 4 floats"));
    }

    @Test
    void externalDataIsRefusedWithAnExplanation() {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        number(t, 1, 2);
        number(t, 2, 1);
        field(t, 8, "big.weight");
        number(t, 14, 1); // data_location EXTERNAL
        byte[] bytes = model(graphField(5, t.toByteArray()));
        assertTrue(assertThrows(IOException.class, () -> OnnxGraph.parse(bytes)).getMessage()
                .contains("initializer big.weight keeps its data in an external file"));
    }

    @Test
    void aGraphThatIsNoBertIsRefusedByTheLoader() throws Exception {
        OnnxGraph empty = OnnxGraph.parse(model());
        assertTrue(assertThrows(InvalidInputException.class, () -> OnnxBertLoader.load(empty, "x.onnx")).getMessage()
                .contains("x.onnx: no embeddings.word_embeddings.weight"));
        OnnxGraph unnamed = OnnxGraph.parse(model(
                graphField(1, node("mm", "MatMul", List.of("x", "onnx::MatMul_1"), List.of("y"))),
                graphField(5, floatTensor("onnx::MatMul_1", new long[] {2, 3}, new float[6]))));
        assertTrue(assertThrows(InvalidInputException.class, () -> OnnxBertLoader.load(unnamed, "y.onnx")).getMessage()
                .contains("cannot name the MatMul weight onnx::MatMul_1"));
    }
}
