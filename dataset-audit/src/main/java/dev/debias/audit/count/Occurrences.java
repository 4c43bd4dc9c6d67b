package dev.debias.audit.count;

import dev.debias.audit.index.IndexFields;
import dev.debias.lexicon.LexiconTerm;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import dev.debias.text.AnalyzedText;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.util.BytesRef;

/**
 * Finds the occurrences of one lexicon term in one segment from its postings: a single-token term is
 * its posting list; a multi-token term is a phrase, matched by intersecting its tokens' posting lists
 * and checking consecutive positions, and only within one sentence.
 */
final class Occurrences {
    /** Receives occurrences in document order, positions ascending within a document. */
    interface Sink {
        void occurrence(int doc, int start, int end) throws IOException;
    }

    private Occurrences() {}

    /**
     * Reports the occurrences of {@code term} in {@code leaf}; returns how many there were. With
     * {@code positions} false, a single-token term reports each document once, at position 0.
     */
    static long find(UnitLayout.Leaf leaf, LexiconTerm term, boolean positions, Sink sink) throws IOException {
        LeafReader r = leaf.context.reader();
        Terms terms = r.terms(IndexFields.TEXT);
        if (terms == null) {
            return 0;
        }
        List<String> tokens = term.tokens();
        PostingsEnum[] postings = new PostingsEnum[tokens.size()];
        TermsEnum te = terms.iterator();
        for (int i = 0; i < postings.length; i++) {
            if (!te.seekExact(new BytesRef(tokens.get(i)))) {
                return 0;
            }
            postings[i] = te.postings(null, positions || postings.length > 1 ? PostingsEnum.POSITIONS : PostingsEnum.FREQS);
        }
        return postings.length == 1 ? single(postings[0], positions, sink) : phrase(leaf, postings, sink);
    }

    private static long single(PostingsEnum p, boolean positions, Sink sink) throws IOException {
        long n = 0;
        for (int doc = p.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = p.nextDoc()) {
            int freq = p.freq();
            n += freq;
            if (!positions) {
                sink.occurrence(doc, 0, 0);
                continue;
            }
            for (int i = 0; i < freq; i++) {
                int pos = p.nextPosition();
                sink.occurrence(doc, pos, pos);
            }
        }
        return n;
    }

    private static long phrase(UnitLayout.Leaf leaf, PostingsEnum[] p, Sink sink) throws IOException {
        long n = 0;
        int k = p.length;
        int[][] pos = new int[k][];
        SentenceLookup sentences = new SentenceLookup(leaf);
        int doc = p[0].nextDoc();
        outer:
        while (doc != DocIdSetIterator.NO_MORE_DOCS) {
            for (int i = 1; i < k; i++) {
                int d = p[i].docID() < doc ? p[i].advance(doc) : p[i].docID();
                if (d == DocIdSetIterator.NO_MORE_DOCS) {
                    return n;
                }
                if (d > doc) {
                    doc = p[0].advance(d);
                    continue outer;
                }
            }
            for (int i = 0; i < k; i++) {
                pos[i] = positions(p[i]);
            }
            for (int start : pos[0]) {
                boolean match = true;
                for (int i = 1; i < k && match; i++) {
                    match = Arrays.binarySearch(pos[i], start + i) >= 0;
                }
                int end = start + k - 1;
                if (match && sentences.same(doc, start, end)) {
                    n++;
                    sink.occurrence(doc, start, end);
                }
            }
            doc = p[0].nextDoc();
        }
        return n;
    }

    /**
     * Sentence lookups for phrase checks: from the leaf's arrays at sentence and window scope, else by
     * decoding the documents' sentence starts on demand (documents come in increasing order).
     */
    private static final class SentenceLookup {
        private final UnitLayout.Leaf leaf;
        private final BinaryDocValues values;
        private final ByteArrayDataInput in = new ByteArrayDataInput();
        private int[] starts = new int[16];
        private int count;
        private int doc = -1;

        SentenceLookup(UnitLayout.Leaf leaf) throws IOException {
            this.leaf = leaf;
            this.values = leaf.hasSentences() ? null : leaf.context.reader().getBinaryDocValues(IndexFields.SENTENCE_STARTS);
        }

        boolean same(int d, int from, int to) throws IOException {
            if (leaf.hasSentences()) {
                return leaf.sentenceOf(d, from) == leaf.sentenceOf(d, to);
            }
            if (d != doc) {
                doc = d;
                count = 0;
                if (values != null && values.advanceExact(d)) {
                    BytesRef b = values.binaryValue();
                    if (starts.length < b.length) {
                        starts = new int[b.length];
                    }
                    in.reset(b.bytes, b.offset, b.length);
                    int prev = 0;
                    while (!in.eof()) {
                        prev += in.readVInt();
                        starts[count++] = prev;
                    }
                }
            }
            return AnalyzedText.sentenceOf(starts, 0, count, from) == AnalyzedText.sentenceOf(starts, 0, count, to);
        }
    }

    private static int[] positions(PostingsEnum p) throws IOException {
        int[] out = new int[p.freq()];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.nextPosition();
        }
        return out;
    }
}
