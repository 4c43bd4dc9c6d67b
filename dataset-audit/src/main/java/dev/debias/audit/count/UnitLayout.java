package dev.debias.audit.count;

import dev.debias.audit.index.IndexFields;
import dev.debias.core.InvalidInputException;
import dev.debias.text.AnalyzedText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.util.BytesRef;

/**
 * Numbers every unit of an index at one scope: the units of document {@code d} of leaf {@code l} are
 * {@code base(l, d) .. base(l, d + 1) - 1}, consecutive over the whole index, so sets of units can be
 * bit sets. Also keeps every document's sentence starts, to map positions to sentences.
 */
final class UnitLayout {
    final Scope scope;
    final List<Leaf> leaves = new ArrayList<>();
    final int units;

    /** One segment's documents. */
    static final class Leaf {
        final LeafReaderContext context;
        /** Global id of each document's first unit; {@code maxDoc + 1} entries. */
        final int[] base;
        /** Tokens per document; null at document scope. */
        final int[] tokens;
        /** Offsets into {@link #sentenceStarts} per document; {@code maxDoc + 1} entries; null at document scope. */
        final int[] sentenceOffset;
        /** Every document's sentence starts, back to back; null at document scope. */
        final int[] sentenceStarts;

        Leaf(LeafReaderContext context, int[] base, int[] tokens, int[] sentenceOffset, int[] sentenceStarts) {
            this.context = context;
            this.base = base;
            this.tokens = tokens;
            this.sentenceOffset = sentenceOffset;
            this.sentenceStarts = sentenceStarts;
        }

        /**
         * The sentence (0-based within the document) holding {@code position}. Only for sentence and
         * window scope; at document scope sentence starts are not loaded ({@link PhraseChecker}).
         */
        int sentenceOf(int doc, int position) {
            return AnalyzedText.sentenceOf(sentenceStarts, sentenceOffset[doc], sentenceOffset[doc + 1], position);
        }

        /** True when this leaf holds every document's sentence starts. */
        boolean hasSentences() {
            return sentenceStarts != null;
        }
    }

    UnitLayout(DirectoryReader reader, Scope scope) throws IOException {
        this.scope = scope;
        long next = 0;
        boolean document = scope.kind() == Scope.Kind.DOCUMENT;
        for (LeafReaderContext ctx : reader.leaves()) {
            LeafReader r = ctx.reader();
            int maxDoc = r.maxDoc();
            int[] base = new int[maxDoc + 1];
            if (document) {
                // One unit per document; sentences are only needed to check phrase matches, done per document.
                for (int d = 0; d <= maxDoc; d++) {
                    base[d] = Math.toIntExact(next + d);
                }
                next += maxDoc;
                leaves.add(new Leaf(ctx, base, null, null, null));
                continue;
            }
            int[] tokens = new int[maxDoc];
            int[] offset = new int[maxDoc + 1];
            NumericDocValues tok = r.getNumericDocValues(IndexFields.TOKENS);
            NumericDocValues sen = r.getNumericDocValues(IndexFields.SENTENCES);
            for (int d = 0; d < maxDoc; d++) {
                tokens[d] = tok != null && tok.advanceExact(d) ? (int) tok.longValue() : 0;
                int s = sen != null && sen.advanceExact(d) ? (int) sen.longValue() : 0;
                offset[d + 1] = offset[d] + s;
            }
            int[] starts = new int[offset[maxDoc]];
            BinaryDocValues bin = r.getBinaryDocValues(IndexFields.SENTENCE_STARTS);
            ByteArrayDataInput in = new ByteArrayDataInput();
            for (int d = 0; d < maxDoc; d++) {
                int n = offset[d + 1] - offset[d];
                if (n == 0) {
                    continue;
                }
                if (bin == null || !bin.advanceExact(d)) {
                    throw new InvalidInputException("document " + d + " of the index lacks sentence starts; rebuild the index");
                }
                decode(bin.binaryValue(), in, starts, offset[d], n);
            }
            for (int d = 0; d < maxDoc; d++) {
                base[d] = Math.toIntExact(next);
                next += scope.units(tokens[d], offset[d + 1] - offset[d]);
                if (next > Integer.MAX_VALUE - 64) {
                    throw new InvalidInputException("the corpus has more than 2^31 " + scope + " units; use a coarser "
                            + "scope (document or sentence) or a smaller window");
                }
            }
            base[maxDoc] = (int) next;
            leaves.add(new Leaf(ctx, base, tokens, offset, starts));
        }
        this.units = (int) next;
    }

    /**
     * The first unit of every top-level document, {@code maxDoc + 1} entries (the last is the number of
     * units): the units of document {@code d} are {@code starts[d] .. starts[d + 1] - 1}.
     */
    int[] documentStarts() {
        int docs = 0;
        for (Leaf l : leaves) {
            docs += l.base.length - 1;
        }
        int[] starts = new int[docs + 1];
        for (Leaf l : leaves) {
            System.arraycopy(l.base, 0, starts, l.context.docBase, l.base.length - 1);
        }
        starts[docs] = units;
        return starts;
    }

    /** Decodes {@code n} delta-encoded ints into {@code out[from..from+n)}. */
    static void decode(BytesRef b, ByteArrayDataInput in, int[] out, int from, int n) {
        in.reset(b.bytes, b.offset, b.length);
        int prev = 0;
        for (int i = 0; i < n; i++) {
            prev += in.readVInt();
            out[from + i] = prev;
        }
    }

    /** The leaf and document of a global unit id, as {@code {leafIndex, doc}}. */
    int[] locate(int unit) {
        for (int l = 0; l < leaves.size(); l++) {
            int[] base = leaves.get(l).base;
            if (unit < base[base.length - 1]) {
                // the last document whose first unit is at or before this one
                int lo = 0;
                int hi = base.length - 2;
                while (lo < hi) {
                    int mid = (lo + hi + 1) >>> 1;
                    if (base[mid] <= unit) {
                        lo = mid;
                    } else {
                        hi = mid - 1;
                    }
                }
                return new int[] {l, lo};
            }
        }
        throw new IllegalArgumentException("no unit " + unit);
    }
}
