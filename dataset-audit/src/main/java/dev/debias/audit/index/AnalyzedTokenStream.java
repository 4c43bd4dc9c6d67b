package dev.debias.audit.index;

import dev.debias.text.AnalyzedText;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.util.UnicodeUtil;

/** Feeds an already analyzed text to Lucene, so a document is tokenized exactly once. */
final class AnalyzedTokenStream extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final AnalyzedText text;
    private int next;

    AnalyzedTokenStream(AnalyzedText text) {
        this.text = text;
    }

    @Override
    public boolean incrementToken() {
        if (next >= text.size()) {
            return false;
        }
        clearAttributes();
        String t = text.tokens()[next];
        // Lucene refuses a term over MAX_TERM_LENGTH UTF-8 bytes (failing the whole build); index such a
        // token as the empty term instead: it keeps its position, and no lexicon term can match it.
        if (t.length() > IndexWriter.MAX_TERM_LENGTH / 3
                && UnicodeUtil.calcUTF16toUTF8Length(t, 0, t.length()) > IndexWriter.MAX_TERM_LENGTH) {
            t = "";
        }
        term.setEmpty().append(t);
        offset.setOffset(text.charStarts()[next], text.charEnds()[next]);
        next++;
        return true;
    }

    @Override
    public void end() throws java.io.IOException {
        super.end();
        int end = text.size() == 0 ? 0 : text.charEnds()[text.size() - 1];
        offset.setOffset(end, end);
    }

    @Override
    public void reset() throws java.io.IOException {
        super.reset();
        next = 0;
    }
}
