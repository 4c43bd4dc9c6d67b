package dev.debias.audit.index;

import dev.debias.corpus.Record;
import dev.debias.text.AnalyzedText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.store.ByteArrayDataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene document debias indexes for one record: its analysed text with positions, its ordinal,
 * label, group values and id, and delta-encoded integer lists.
 */
final class IndexDocuments {
    private static final FieldType TEXT_TYPE = new FieldType();

    static {
        TEXT_TYPE.setTokenized(true);
        TEXT_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        TEXT_TYPE.setOmitNorms(true);
        TEXT_TYPE.setStored(false);
        TEXT_TYPE.freeze();
    }

    private IndexDocuments() {}

    static Document document(long ordinal, Record r, AnalyzedText a, List<String> groupFields) {
        Document doc = new Document();
        doc.add(new Field(IndexFields.TEXT, new AnalyzedTokenStream(a), TEXT_TYPE));
        doc.add(new StoredField(IndexFields.TEXT, r.text()));
        doc.add(new StoredField(IndexFields.ID, r.id()));
        doc.add(new NumericDocValuesField(IndexFields.ORDINAL, ordinal));
        doc.add(new StoredField(IndexFields.ORDINAL, ordinal));
        if (r.label() != null) {
            doc.add(new SortedDocValuesField(IndexFields.LABEL, new BytesRef(r.label())));
            doc.add(new StoredField(IndexFields.LABEL, r.label()));
        }
        for (String g : groupFields) {
            String v = r.attribute(g).orElse("");
            doc.add(new SortedDocValuesField(IndexFields.group(g), new BytesRef(v)));
            doc.add(new StoredField(IndexFields.group(g), v));
        }
        doc.add(new NumericDocValuesField(IndexFields.TOKENS, a.size()));
        int[] starts = a.sentenceStarts();
        doc.add(new NumericDocValuesField(IndexFields.SENTENCES, starts.length));
        doc.add(new BinaryDocValuesField(IndexFields.SENTENCE_STARTS, encode(starts)));
        return doc;
    }

    /** Delta-encodes ascending ints as variable-length ints. */
    static BytesRef encode(int[] ascending) {
        byte[] buf = new byte[ascending.length * 5];
        ByteArrayDataOutput out = new ByteArrayDataOutput(buf);
        int prev = 0;
        for (int v : ascending) {
            try {
                out.writeVInt(v - prev);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            prev = v;
        }
        return new BytesRef(buf, 0, out.getPosition());
    }
}
