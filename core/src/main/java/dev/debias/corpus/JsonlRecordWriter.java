package dev.debias.corpus;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.debias.core.Setting;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes JSON Lines: {@code id}, {@code text}, {@code label} (when present), the attributes in
 * order, and, for a record made by a transform, a {@code provenance} object. All values are strings.
 * A record read through nested field paths ({@link Record#json()}) is written as the object it was read from,
 * with only what changed written back, so a chat stays a chat.
 */
final class JsonlRecordWriter extends AbstractRecordWriter {
    private final JsonGenerator json;

    JsonlRecordWriter(Path target, WriteOptions options) throws IOException {
        super(target, options);
        this.json = JsonlRecordReader.JSON.createGenerator(out);
        this.json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // Flushing each record into the buffered writer must not flush the writer itself: one system call per record.
        this.json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        this.json.setRootValueSeparator(null);
    }

    @Override
    protected void writeRecord(Record r) throws IOException {
        FieldMapping f = options.fields();
        // Checked before anything is written, so a refused record leaves no half-written object.
        for (String k : r.attributes().keySet()) {
            if (k.equals(f.idField()) || k.equals(f.textField()) || (r.label() != null && k.equals(f.labelField()))
                    || (!r.provenance().isOriginal() && k.equals("provenance"))) {
                throw new CorpusFormatException(target(), 0, "record " + r.id() + " has an attribute named '" + k
                        + "', which is also the name of the id, text, label or provenance field of the output"
                        + (k.equals(f.idField())
                                ? "; if that field holds the record ids, read it with " + Setting.ID_FIELD + " " + k : ""));
            }
        }
        if (r.json() != null) {
            writeNested(r, f);
            return;
        }
        for (String name : new String[] {f.idField(), f.textField(), r.label() == null ? null : f.labelField()}) {
            if (FieldPath.isPath(name)) {
                throw new CorpusFormatException(target(), 0, "record " + r.id() + " was not read through the field path '"
                        + name + "', so it has no nested record to write that field into; write it under a plain name");
            }
        }
        json.writeStartObject();
        json.writeStringField(f.idField(), r.id());
        json.writeStringField(f.textField(), r.text());
        if (r.label() != null) {
            json.writeStringField(f.labelField(), r.label());
        }
        for (var e : r.attributes().entrySet()) {
            json.writeStringField(e.getKey(), e.getValue());
        }
        Provenance p = r.provenance();
        if (!p.isOriginal()) {
            json.writeObjectFieldStart("provenance");
            json.writeStringField("source", p.source());
            json.writeStringField("parent", p.parentId());
            json.writeStringField("transform", p.transform());
            json.writeEndObject();
        }
        json.writeEndObject();
        json.flush();
        out.write('\n');
    }

    /** A record read through field paths: its own object, with what changed written back (see {@link NestedJson#restore}). */
    private void writeNested(Record r, FieldMapping f) throws IOException {
        ObjectNode node = NestedJson.restore(r, f, target());
        Provenance p = r.provenance();
        if (!p.isOriginal()) {
            ObjectNode prov = node.putObject("provenance");
            prov.put("source", p.source());
            prov.put("parent", p.parentId());
            prov.put("transform", p.transform());
        }
        NestedJson.MAPPER.writeTree(json, node);
        json.flush();
        out.write('\n');
    }

    @Override
    protected void finish() throws IOException {
        json.close();
    }
}
