package dev.debias.finetune.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.debias.core.InvalidInputException;
import dev.debias.core.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header
 * naming each tensor's dtype, shape and byte range, then the raw little-endian data. Reads F32, F16
 * and BF16 (widened to float); writes F32.
 */
public final class SafeTensors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensors() {}

    /**
     * Reads every tensor of a file.
     *
     * @throws InvalidInputException when the file is not well-formed safetensors, naming what is wrong
     */
    public static Weights read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 8) {
            throw new InvalidInputException(file + ": too short for a safetensors file");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > bytes.length - 8) {
            throw new InvalidInputException(file + ": corrupted safetensors header (length " + headerLength + ")");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": corrupted safetensors header: " + e.getMessage());
        }
        int base = 8 + (int) headerLength;
        Weights w = new Weights();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode t = e.getValue();
            String dtype = t.path("dtype").asText();
            List<Long> shape = new ArrayList<>();
            t.path("shape").forEach(d -> shape.add(d.asLong()));
            long begin = t.path("data_offsets").path(0).asLong(-1);
            long end = t.path("data_offsets").path(1).asLong(-1);
            long n = 1;
            for (long d : shape) {
                if (d < 0) {
                    throw new InvalidInputException(file + ": tensor " + e.getKey() + " has a negative dimension " + shape);
                }
                n *= d;
            }
            int width = switch (dtype) {
                case "F32" -> 4;
                case "F16", "BF16" -> 2;
                default -> throw new InvalidInputException(file + ": tensor " + e.getKey() + " has dtype " + dtype
                        + "; debias reads F32, F16 and BF16");
            };
            if (begin < 0 || end - begin != n * width || base + end > bytes.length) {
                throw new InvalidInputException(file + ": tensor " + e.getKey() + " has a corrupted byte range ["
                        + begin + ", " + end + ") for " + n + " values");
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes, base + (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
            float[] data = new float[(int) n];
            for (int i = 0; i < n; i++) {
                data[i] = switch (dtype) {
                    case "F32" -> buf.getFloat();
                    case "F16" -> Float.float16ToFloat(buf.getShort());
                    default -> Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16);
                };
            }
            for (float v : data) {
                if (!Float.isFinite(v)) {
                    throw new InvalidInputException(file + ": tensor " + e.getKey() + " holds NaN or infinite values");
                }
            }
            w.put(e.getKey(), shape.stream().mapToLong(Long::longValue).toArray(), data);
        }
        return w;
    }

    /** Writes every tensor as F32, atomically. */
    public static void write(Path file, Weights weights) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (var e : weights.all().entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            var shape = t.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            long size = e.getValue().data().length * 4L;
            t.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] head = JSON.writeValueAsBytes(header);
        int pad = (8 - head.length % 8) % 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) (8 + head.length + pad + offset));
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(head.length + pad);
        out.write(len.array());
        out.write(head);
        for (int i = 0; i < pad; i++) {
            out.write(' ');
        }
        for (var t : weights.all().values()) {
            ByteBuffer b = ByteBuffer.allocate(t.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(t.data());
            out.write(b.array());
        }
        AtomicFile.write(file, out.toByteArray());
    }
}
