package dev.debias.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads JSON Lines: one JSON object per line. Scalar values become strings (numbers keep their
 * written form); nested objects and arrays become their compact JSON text; {@code null} counts as
 * absent. A {@code provenance} object written by debias is read back as the record's provenance.
 *
 * <p>A mapped field that is a {@link FieldPath} (and no literal key of the record) is resolved in the record's
 * tree: a text path's values are joined with a line break, any other path must reach one value. A record on
 * which a path was resolved keeps its JSON ({@link Record#json()}), so a writer can keep its structure; one whose
 * path fields were all literal keys is read, and written, exactly as a flat record.
 *
 * <p>A string or a number may be as long as a line ({@link Utf8LineReader#MAX_LINE_BYTES}); the parser's
 * other limits (nesting depth, name length) stay at Jackson's defaults, and a line beyond one of them is an
 * {@link InvalidRecordException} naming the file and line, like any other malformed record.
 */
final class JsonlRecordReader extends LineRecordReader {
    static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Jackson's defaults (20,000,000 characters a string, 1,000 a number) are below the line limit;
            // numbers are kept as written, never converted, so their length costs nothing
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Utf8LineReader.MAX_LINE_BYTES)
                    .maxNumberLength(Utf8LineReader.MAX_LINE_BYTES)
                    .build())
            .build();

    private final RecordAssembler assembler;
    private final NestedJson nested;

    JsonlRecordReader(Path file, ReadOptions options) {
        super(file, options);
        this.nested = new NestedJson(options.fields());
        this.assembler = new RecordAssembler(file, options.fields());
    }

    @Override
    public CorpusFormat format() {
        return CorpusFormat.JSONL;
    }

    @Override
    protected String emptyReason() {
        return "the file is empty (no JSON lines)";
    }

    @Override
    protected Record readRecord() throws IOException {
        String line = nextContentLine();
        if (line == null) {
            return null;
        }
        long n = lines.lineNumber();
        Map<String, String> row = new LinkedHashMap<>();
        Provenance provenance = null;
        try (JsonParser p = JSON.createParser(line)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new InvalidRecordException(source, n, "expected a JSON object, found " + describe(t));
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("provenance") && v == JsonToken.START_OBJECT) {
                    provenance = readProvenance(p, n);
                } else {
                    row.put(name, valueOf(p, v));
                }
            }
            if (p.nextToken() != null) {
                throw new InvalidRecordException(source, n, "unexpected content after the JSON object at column "
                        + p.currentTokenLocation().getColumnNr());
            }
        } catch (StreamConstraintsException e) {
            throw new InvalidRecordException(source, n, "the JSON exceeds a limit of the JSON parser: "
                    + e.getOriginalMessage() + "; flatten or shorten that value");
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(source, n, "malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")"));
        }
        if (!nested.active()) {
            return assembler.assemble(row, n, provenance);
        }
        boolean resolved = nested.resolveInto(row, line, source, n);
        return assembler.assemble(row, n, provenance, resolved ? line : null);
    }

    private static String valueOf(JsonParser p, JsonToken v) throws IOException {
        return switch (v) {
            case VALUE_NULL -> null;
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> p.getText();
            case START_OBJECT, START_ARRAY -> {
                StringWriter w = new StringWriter();
                try (var g = JSON.createGenerator(w)) {
                    g.copyCurrentStructure(p);
                }
                yield w.toString();
            }
            default -> throw new IllegalStateException("unexpected token " + v);
        };
    }

    private Provenance readProvenance(JsonParser p, long n) throws IOException {
        String src = null;
        String parent = null;
        String transform = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            p.nextToken();
            String v = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getValueAsString();
            switch (k) {
                case "source" -> src = v;
                case "parent" -> parent = v;
                case "transform" -> transform = v;
                default -> p.skipChildren();
            }
        }
        if (src == null || (parent == null) != (transform == null)) {
            throw new InvalidRecordException(source, n,
                    "the provenance object needs 'source', and 'parent' and 'transform' together or not at all");
        }
        return new Provenance(src, parent, transform);
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }
}
