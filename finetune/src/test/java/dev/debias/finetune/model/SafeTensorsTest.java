package dev.debias.finetune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors reader and writer: round trip, F16/BF16 widening, and every refusal with its message. */
class SafeTensorsTest {
    @TempDir
    Path dir;

    /** A safetensors file from a raw header and data. */
    private Path file(String name, long headerLength, String header, byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).array());
        out.write(header.getBytes(StandardCharsets.UTF_8));
        out.write(data);
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private Path file(String name, String header, byte[] data) throws Exception {
        return file(name, header.getBytes(StandardCharsets.UTF_8).length, header, data);
    }

    private static byte[] f32(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    private static byte[] u16(int... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putShort((short) x);
        }
        return b.array();
    }

    private String refusal(Path f) {
        return assertThrows(InvalidInputException.class, () -> SafeTensors.read(f)).getMessage();
    }

    @Test
    void roundTripKeepsNamesOrderShapesAndValuesExactly() throws Exception {
        Weights w = new Weights()
                .put("z.weight", new long[] {2, 3}, new float[] {1f, -2.5f, 3e-8f, Float.MIN_VALUE, -0f, 1e30f})
                .put("a.bias", new long[] {3}, new float[] {0.1f, 0.2f, 0.3f})
                .put("m.scalar", new long[] {}, new float[] {42f});
        Path f = dir.resolve("w.safetensors");
        SafeTensors.write(f, w);
        Weights back = SafeTensors.read(f);
        assertEquals(List.of("z.weight", "a.bias", "m.scalar"), List.copyOf(back.all().keySet()));
        for (String name : w.all().keySet()) {
            assertArrayEquals(w.get(name).shape(), back.get(name).shape(), name);
            assertArrayEquals(w.get(name).data(), back.get(name).data(), name);
            // bit-exact, -0 included
            for (int i = 0; i < w.get(name).data().length; i++) {
                assertEquals(Float.floatToRawIntBits(w.get(name).data()[i]),
                        Float.floatToRawIntBits(back.get(name).data()[i]), name + "[" + i + "]");
            }
        }
        byte[] bytes = Files.readAllBytes(f);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLength) % 8, "data starts 8-byte aligned");
        assertEquals(8 + headerLength + 4 * (6 + 3 + 1), bytes.length);
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"dtype\":\"F32\""), header);
    }

    @Test
    void readsF16AndBf16WidenedToFloatAndSkipsMetadata() throws Exception {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[8,14]}}";
        byte[] data = new byte[14];
        // F16: 1.0, -2.0, 0.5, 65504 (largest half)
        System.arraycopy(u16(0x3C00, 0xC000, 0x3800, 0x7BFF), 0, data, 0, 8);
        // BF16: 1.0, -3.0, 0.15625
        System.arraycopy(u16(0x3F80, 0xC040, 0x3E20), 0, data, 8, 6);
        Weights w = SafeTensors.read(file("half.safetensors", header, data));
        assertEquals(List.of("h", "b"), List.copyOf(w.all().keySet()));
        assertArrayEquals(new long[] {2, 2}, w.get("h").shape());
        assertArrayEquals(new float[] {1f, -2f, 0.5f, 65504f}, w.get("h").data());
        assertArrayEquals(new float[] {1f, -3f, 0.15625f}, w.get("b").data());
    }

    @Test
    void aTruncatedFileIsRefusedNamingTheTensor() throws Exception {
        Path f = dir.resolve("w.safetensors");
        SafeTensors.write(f, new Weights().put("x", new long[] {4}, new float[] {1, 2, 3, 4})
                .put("y", new long[] {4}, new float[] {5, 6, 7, 8}));
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 3));
        String m = refusal(f);
        assertTrue(m.contains("tensor y has a corrupted byte range [16, 32) for 4 values"), m);
        assertTrue(m.startsWith(f.toString()), m);

        Files.write(f, Arrays.copyOf(bytes, 5));
        assertTrue(refusal(f).contains("too short for a safetensors file"));
        Files.write(f, Arrays.copyOf(bytes, 40));
        assertTrue(refusal(f).contains("corrupted safetensors header (length"), "cut inside the header");
    }

    @Test
    void aBadHeaderLengthIsRefused() throws Exception {
        String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertTrue(refusal(file("long.safetensors", 1_000_000, header, f32(1))).contains(
                "corrupted safetensors header (length 1000000)"));
        assertTrue(refusal(file("neg.safetensors", -1, header, f32(1))).contains(
                "corrupted safetensors header (length -1)"));
        assertTrue(refusal(file("zero.safetensors", 0, header, f32(1))).contains("corrupted safetensors header"));
        // a length that ends inside the JSON: not JSON any more
        String m = refusal(file("short.safetensors", 10, header, f32(1)));
        assertTrue(m.contains("corrupted safetensors header"), m);
    }

    @Test
    void aHeaderThatIsNotJsonIsRefused() throws Exception {
        String m = refusal(file("garbage.safetensors", "this is not json at all", f32(1)));
        assertTrue(m.contains("corrupted safetensors header: "), m);
    }

    @Test
    void aHeaderLengthThatOverflowsIsRefusedClearly() throws Exception {
        String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        String m = refusal(file("overflow.safetensors", Long.MAX_VALUE - 3, header, f32(1)));
        assertTrue(m.contains("corrupted safetensors header"), m);
    }

    @Test
    void aNegativeDimensionIsRefused() throws Exception {
        String m = refusal(file("neg-dims.safetensors", "{\"x\":{\"dtype\":\"F32\",\"shape\":[-2,-2],\"data_offsets\":[0,16]}}",
                f32(1, 2, 3, 4)));
        assertTrue(m.contains("tensor x"), m);
    }

    @Test
    void aWrongByteRangeIsRefused() throws Exception {
        byte[] data = f32(1, 2, 3, 4);
        // 3 floats' worth of bytes for a 2x2 tensor
        String m = refusal(file("a.safetensors", "{\"x\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}", data));
        assertTrue(m.contains("tensor x has a corrupted byte range [0, 12) for 4 values"), m);
        // the right size, but past the end of the file
        m = refusal(file("b.safetensors", "{\"x\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[4,20]}}", data));
        assertTrue(m.contains("tensor x has a corrupted byte range [4, 20)"), m);
        // no offsets at all
        m = refusal(file("c.safetensors", "{\"x\":{\"dtype\":\"F32\",\"shape\":[2,2]}}", data));
        assertTrue(m.contains("tensor x has a corrupted byte range [-1, -1)"), m);
    }

    @Test
    void nanAndInfiniteValuesAreRefusedNamingTheTensor() throws Exception {
        Path f = dir.resolve("nan.safetensors");
        SafeTensors.write(f, new Weights().put("ok", new long[] {2}, new float[] {1, 2})
                .put("encoder.layer.0.output.dense.weight", new long[] {2}, new float[] {1, Float.NaN}));
        String m = refusal(f);
        assertTrue(m.contains("tensor encoder.layer.0.output.dense.weight holds NaN or infinite values"), m);

        SafeTensors.write(f, new Weights().put("inf", new long[] {1}, new float[] {Float.NEGATIVE_INFINITY}));
        assertTrue(refusal(f).contains("tensor inf holds NaN or infinite values"));
        // F16 infinity (0x7C00)
        m = refusal(file("h.safetensors", "{\"h\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}", u16(0x7C00)));
        assertTrue(m.contains("tensor h holds NaN or infinite values"), m);
    }

    @Test
    void anUnsupportedDtypeIsRefusedNamingIt() throws Exception {
        String m = refusal(file("i64.safetensors", "{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}",
                new byte[8]));
        assertTrue(m.contains("tensor ids has dtype I64; debias reads F32, F16 and BF16"), m);
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> SafeTensors.read(dir.resolve("none.safetensors")));
    }

    @Test
    void weightsRefuseAShapeThatDoesNotHoldTheData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Weights().put("x", new long[] {2, 3}, new float[5]));
        assertTrue(e.getMessage().contains("shape [2, 3] holds 6 values, not 5"), e.getMessage());
    }
}
