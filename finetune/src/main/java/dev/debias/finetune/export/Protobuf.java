package dev.debias.finetune.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A protobuf wire-format message being written: fields are appended in call order as varints
 * (wire type 0), 32-bit floats (wire type 5) or length-delimited bytes (wire type 2), which is all
 * ONNX's ModelProto needs. Nested messages are written into their own {@code Protobuf} and appended
 * whole with {@link #message}.
 */
final class Protobuf {
    private static final int VARINT = 0;
    private static final int FIXED32 = 5;
    private static final int LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Appends {@code field} as an unsigned varint (negative numbers take ten bytes, as protobuf's int64). */
    Protobuf varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    /** Appends {@code field} as a little-endian 32-bit float. */
    Protobuf float32(int field, float value) {
        tag(field, FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            out.write(bits >>> (8 * i) & 0xFF);
        }
        return this;
    }

    /** Appends {@code field} as UTF-8 text. */
    Protobuf string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends {@code field} as length-delimited bytes. */
    Protobuf bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    /** Appends {@code field} as an embedded message. */
    Protobuf message(int field, Protobuf message) {
        return bytes(field, message.toByteArray());
    }

    /** Appends {@code values} as one packed repeated varint field. */
    Protobuf packedVarints(int field, long[] values) {
        Protobuf packed = new Protobuf();
        for (long v : values) {
            packed.rawVarint(v);
        }
        return bytes(field, packed.toByteArray());
    }

    /** The bytes written so far. */
    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        if (field < 1) {
            throw new IllegalArgumentException("protobuf field numbers start at 1, not " + field);
        }
        rawVarint((long) field << 3 | wireType);
    }

    private void rawVarint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
