package dev.debias.audit.index;

import dev.debias.text.Tokens;
import java.io.IOException;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * A Lucene analyzer producing exactly the tokens of the {@link Tokens} rule (maximal runs of letters,
 * digits and marks, lower-cased). Indexing feeds pre-analyzed tokens instead; this analyzer serves
 * the highlighter and query parsing, and a test holds the two to the same output.
 */
public final class TokenRuleAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        return new TokenStreamComponents(new RuleTokenizer());
    }

    private static final class RuleTokenizer extends Tokenizer {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private final StringBuilder text = new StringBuilder();
        private int pos;

        @Override
        public void reset() throws IOException {
            super.reset();
            text.setLength(0);
            char[] buf = new char[4096];
            for (int n; (n = input.read(buf)) != -1;) {
                text.append(buf, 0, n);
            }
            pos = 0;
        }

        @Override
        public boolean incrementToken() {
            clearAttributes();
            int n = text.length();
            while (pos < n) {
                int cp = Character.codePointAt(text, pos);
                if (Tokens.isTokenChar(cp)) {
                    break;
                }
                pos += Character.charCount(cp);
            }
            if (pos >= n) {
                return false;
            }
            int start = pos;
            while (pos < n) {
                int cp = Character.codePointAt(text, pos);
                if (!Tokens.isTokenChar(cp)) {
                    break;
                }
                pos += Character.charCount(cp);
            }
            term.setEmpty().append(text.substring(start, pos).toLowerCase(Locale.ROOT));
            offset.setOffset(correctOffset(start), correctOffset(pos));
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            int end = correctOffset(text.length());
            offset.setOffset(end, end);
        }
    }
}
