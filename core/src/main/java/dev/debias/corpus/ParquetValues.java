package dev.debias.corpus;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Turns the values of a Parquet row into field text as the JSON Lines reader does: a string, number or
 * boolean column gives its text (numbers in Java's decimal form, decimals exactly, dates and timestamps
 * in ISO-8601, timestamps in UTC); a list, map or struct gives its compact JSON text (lists as arrays,
 * maps and structs as objects, null elements as {@code null}). A value that is absent is null.
 */
final class ParquetValues {
    private ParquetValues() {}

    /** A value that cannot be read as text, e.g. bytes that are not UTF-8; the reader names the row. */
    static final class UnreadableValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableValue(String message) {
            super(message);
        }
    }

    /** The text of top-level field {@code i} of {@code row}, or null when it is absent. */
    static String field(Group row, int i) throws IOException {
        Type t = row.getType().getType(i);
        int n = row.getFieldRepetitionCount(i);
        if (t.isRepetition(Type.Repetition.REPEATED)) {   // a legacy repeated column: its values as an array
            return json(g -> {
                g.writeStartArray();
                for (int k = 0; k < n; k++) {
                    write(g, row, i, k);
                }
                g.writeEndArray();
            });
        }
        if (n == 0) {
            return null;
        }
        if (t.isPrimitive()) {
            return text(t.asPrimitiveType(), row, i, 0);
        }
        return json(g -> write(g, row, i, 0));
    }

    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    private static String json(JsonBody body) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonlRecordReader.JSON.createGenerator(w)) {
            body.write(g);
        }
        return w.toString();
    }

    /** Writes value {@code k} of field {@code i} of {@code group} as JSON. */
    private static void write(JsonGenerator g, Group group, int i, int k) throws IOException {
        Type t = group.getType().getType(i);
        if (t.isPrimitive()) {
            PrimitiveType p = t.asPrimitiveType();
            String s = text(p, group, i, k);
            LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
            boolean number = switch (p.getPrimitiveTypeName()) {
                case INT32, INT64 -> a == null || a instanceof IntLogicalTypeAnnotation || a instanceof DecimalLogicalTypeAnnotation;
                case FLOAT, DOUBLE -> !s.equals("NaN") && !s.contains("Infinity");
                case BINARY, FIXED_LEN_BYTE_ARRAY -> a instanceof DecimalLogicalTypeAnnotation;
                default -> false;
            };
            if (number) {
                g.writeNumber(s);
            } else if (p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BOOLEAN) {
                g.writeBoolean(Boolean.parseBoolean(s));
            } else {
                g.writeString(s);
            }
            return;
        }
        writeGroup(g, group.getGroup(i, k), t.asGroupType());
    }

    private static void writeGroup(JsonGenerator g, Group v, GroupType t) throws IOException {
        LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
        if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && t.getFieldCount() == 1) {
            g.writeStartArray();
            Type repeated = t.getType(0);
            int n = v.getFieldRepetitionCount(0);
            boolean wrapped = !repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1
                    && !repeated.getName().equals("array") && !repeated.getName().equals(t.getName() + "_tuple");
            for (int k = 0; k < n; k++) {
                if (wrapped) {   // the standard three levels: list { repeated group list { element } }
                    Group e = v.getGroup(0, k);
                    if (e.getFieldRepetitionCount(0) == 0) {
                        g.writeNull();
                    } else {
                        write(g, e, 0, 0);
                    }
                } else {
                    write(g, v, 0, k);
                }
            }
            g.writeEndArray();
            return;
        }
        boolean map = (a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
                && t.getFieldCount() == 1 && !t.getType(0).isPrimitive() && t.getType(0).asGroupType().getFieldCount() == 2;
        g.writeStartObject();
        if (map) {
            for (int k = 0, n = v.getFieldRepetitionCount(0); k < n; k++) {
                Group kv = v.getGroup(0, k);
                GroupType kvt = kv.getType();
                g.writeFieldName(kvt.getType(0).isPrimitive() ? text(kvt.getType(0).asPrimitiveType(), kv, 0, 0)
                        : json(j -> write(j, kv, 0, 0)));
                if (kv.getFieldRepetitionCount(1) == 0) {
                    g.writeNull();
                } else {
                    write(g, kv, 1, 0);
                }
            }
        } else {
            for (int i = 0; i < t.getFieldCount(); i++) {
                g.writeFieldName(t.getType(i).getName());
                int n = v.getFieldRepetitionCount(i);
                if (t.getType(i).isRepetition(Type.Repetition.REPEATED)) {
                    g.writeStartArray();
                    for (int k = 0; k < n; k++) {
                        write(g, v, i, k);
                    }
                    g.writeEndArray();
                } else if (n == 0) {
                    g.writeNull();
                } else {
                    write(g, v, i, 0);
                }
            }
        }
        g.writeEndObject();
    }

    /** The text of one primitive value. */
    static String text(PrimitiveType p, Group group, int i, int k) {
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> Boolean.toString(group.getBoolean(i, k));
            case INT32 -> int32(group.getInteger(i, k), a);
            case INT64 -> int64(group.getLong(i, k), a);
            case FLOAT -> Float.toString(group.getFloat(i, k));
            case DOUBLE -> Double.toString(group.getDouble(i, k));
            case INT96 -> int96(group.getInt96(i, k));
            case BINARY, FIXED_LEN_BYTE_ARRAY -> bytes(p, group.getBinary(i, k), a);
        };
    }

    private static String int32(int v, LogicalTypeAnnotation a) {
        if (a instanceof DecimalLogicalTypeAnnotation d) {
            return BigDecimal.valueOf(v, d.getScale()).toPlainString();
        }
        if (a instanceof IntLogicalTypeAnnotation n && !n.isSigned()) {
            return Integer.toUnsignedString(v);
        }
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return LocalDate.ofEpochDay(v).toString();
        }
        if (a instanceof TimeLogicalTypeAnnotation) {
            return LocalTime.ofNanoOfDay(v * 1_000_000L).toString();
        }
        return Integer.toString(v);
    }

    private static String int64(long v, LogicalTypeAnnotation a) {
        if (a instanceof DecimalLogicalTypeAnnotation d) {
            return BigDecimal.valueOf(v, d.getScale()).toPlainString();
        }
        if (a instanceof IntLogicalTypeAnnotation n && !n.isSigned()) {
            return Long.toUnsignedString(v);
        }
        if (a instanceof TimestampLogicalTypeAnnotation ts) {
            Instant at = instant(v, ts.getUnit());
            return ts.isAdjustedToUTC() ? at.toString() : LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString();
        }
        if (a instanceof TimeLogicalTypeAnnotation tm) {
            return LocalTime.ofNanoOfDay(tm.getUnit() == TimeUnit.MICROS ? v * 1000 : v).toString();
        }
        return Long.toString(v);
    }

    private static Instant instant(long v, TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> Instant.ofEpochMilli(v);
            case MICROS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000);
            case NANOS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
        };
    }

    /** A legacy INT96 timestamp: nanoseconds of the day, then the Julian day, little-endian. */
    private static String int96(Binary b) {
        ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanos = buf.getLong();
        long julianDay = Integer.toUnsignedLong(buf.getInt());
        long epochDay = julianDay - 2_440_588L;
        return Instant.ofEpochSecond(epochDay * 86_400L, 0).plusNanos(nanos).toString();
    }

    private static String bytes(PrimitiveType p, Binary b, LogicalTypeAnnotation a) {
        if (a instanceof DecimalLogicalTypeAnnotation d) {
            return new BigDecimal(new BigInteger(b.getBytes()), d.getScale()).toPlainString();
        }
        if (a instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
            ByteBuffer buf = b.toByteBuffer();
            return new UUID(buf.getLong(), buf.getLong()).toString();
        }
        if (a instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
            ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            return Float.toString(Float.float16ToFloat(buf.getShort()));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(b.toByteBuffer()).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableValue("the column '" + p.getName() + "' holds bytes that are not UTF-8 text"
                    + " (binary data cannot be a field); drop that column or decode it first");
        }
    }
}
