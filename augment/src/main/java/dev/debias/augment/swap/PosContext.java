package dev.debias.augment.swap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;

/**
 * Tells a possessive determiner ({@code her book}, Penn {@code PRP$}) from a personal pronoun
 * ({@code saw her}, {@code PRP}) with the OpenNLP English tokenizer and part-of-speech models
 * (UD English-EWT, from Maven Central). Those models tag both as {@code PRON}, so the decision
 * reads the tag of the next word: a noun, proper noun, adjective or number (after any adverbs, as in
 * {@code her very own}) makes a determiner; anything else (a verb, a preposition, punctuation, the
 * end, or a time word such as {@code yesterday}) a pronoun. Not thread-safe: one per thread.
 */
public final class PosContext {
    /** The tokenizer model inside its jar. */
    public static final String TOKENIZER_MODEL = "opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
    /** The part-of-speech model inside its jar. */
    public static final String POS_MODEL = "opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";

    private static final Set<String> DETERMINED = Set.of("NOUN", "PROPN", "ADJ", "NUM");
    private static final Set<String> TIME_WORDS = Set.of("yesterday", "today", "tomorrow", "tonight", "now", "again",
            "last", "next", "later", "recently", "once", "twice");
    private static volatile TokenizerModel tokenizerModel;
    private static volatile POSModel posModel;

    private final TokenizerME tokenizer;
    private final POSTaggerME tagger;
    private String text;
    private Span[] spans;
    private String[] tags;

    /** A context over the shared models, loading them on first use. */
    public PosContext() {
        load();
        this.tokenizer = new TokenizerME(tokenizerModel);
        this.tagger = new POSTaggerME(posModel, POSTagFormat.UD);
    }

    private static synchronized void load() {
        if (tokenizerModel == null) {
            try (InputStream t = resource(TOKENIZER_MODEL); InputStream p = resource(POS_MODEL)) {
                tokenizerModel = new TokenizerModel(t);
                posModel = new POSModel(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the OpenNLP models", e);
            }
        }
    }

    private static InputStream resource(String name) {
        InputStream in = PosContext.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the OpenNLP model " + name + " is not on the class path "
                    + "(org.apache.opennlp:opennlp-models-tokenizer-en and -pos-en)");
        }
        return in;
    }

    /** How far a tagged window reaches beyond the word when no clause boundary comes first. */
    private static final int REACH = 80;

    private int windowStart;
    private int windowEnd;

    /**
     * True when the word at characters {@code [start, end)} of {@code t} is used as a possessive
     * determiner (it is followed by what it determines). Only the clause around the word is tagged
     * (from the previous to the next {@code . ! ? ; :} or line break, at most {@value #REACH}
     * characters either side), and the tags are reused for further words of the same clause.
     */
    public boolean isDeterminer(String t, int start, int end) {
        if (t != text || start < windowStart || end > windowEnd) {
            tagWindow(t, start, end);
        }
        int i = 0;
        while (i < spans.length && spans[i].getEnd() + windowStart <= start) {
            i++;
        }
        // the word's own OpenNLP token, then the next ones that begin after the word
        int j = i;
        while (j < spans.length && spans[j].getStart() + windowStart < end) {
            j++;
        }
        while (j < spans.length && "ADV".equals(tags[j])) {
            j++;
        }
        if (j >= spans.length) {
            return false;
        }
        String next = t.substring(spans[j].getStart() + windowStart, spans[j].getEnd() + windowStart)
                .toLowerCase(Locale.ROOT);
        return DETERMINED.contains(tags[j]) && !TIME_WORDS.contains(next);
    }

    private void tagWindow(String t, int start, int end) {
        int ws = start;
        int floor = Math.max(0, start - REACH);
        while (ws > floor && !boundary(t.charAt(ws - 1))) {
            ws--;
        }
        int we = end;
        int ceiling = Math.min(t.length(), end + REACH);
        while (we < ceiling && !boundary(t.charAt(we))) {
            we++;
        }
        if (we < t.length()) {
            we++;
        }
        text = t;
        windowStart = ws;
        windowEnd = we;
        String window = t.substring(ws, we);
        spans = tokenizer.tokenizePos(window);
        String[] tokens = new String[spans.length];
        for (int i = 0; i < spans.length; i++) {
            tokens[i] = spans[i].getCoveredText(window).toString();
        }
        tags = tagger.tag(tokens);
    }

    private static boolean boundary(char c) {
        return c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n';
    }

    /** Tokenizes and tags a whole text, returning the UD tags: the floor {@code debias bench augment} compares with. */
    public String[] tagAll(String t) {
        Span[] all = tokenizer.tokenizePos(t);
        String[] tokens = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            tokens[i] = all[i].getCoveredText(t).toString();
        }
        text = null;
        return tagger.tag(tokens);
    }
}
