package dev.debias.augment.swap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import opennlp.tools.ml.BeamSearch;
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
 * reads the tags of the next words: a noun or proper noun (after any adverbs, as in {@code her very
 * own}), or adjectives, numbers or participles followed by a noun ({@code her later work},
 * {@code her preferred route}), make a determiner; {@code own} always does; anything else (a verb,
 * a preposition, punctuation, the end, an adjective with no noun after it as in {@code made her
 * happy} after a verb or {@code his alone}, a time word such as {@code yesterday} or {@code last
 * week}, a name after a naming verb as in {@code named her Rose}) a pronoun. A sentence-initial
 * {@code her} is always a determiner. The clause is tokenized by {@link ChunkTokenizer} and tagged with a
 * beam of 1 ({@link #greedy}), which decide as the models' own tokenizer and beam of 3 do on the corpora
 * measured, about 5 times faster. Not thread-safe: one per thread.
 */
public final class PosContext {
    /** The tokenizer model inside its jar. */
    public static final String TOKENIZER_MODEL = "opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
    /** The part-of-speech model inside its jar. */
    public static final String POS_MODEL = "opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";

    private static final Set<String> DETERMINED = Set.of("NOUN", "PROPN", "ADJ", "NUM");
    /** Words after an object pronoun that never begin what a determiner determines. */
    private static final Set<String> ALWAYS_TIME = Set.of("yesterday", "today", "tomorrow", "tonight", "now", "again",
            "recently", "once", "twice");
    /** Verbs whose object is followed by a name or title: named her Rose, elected him President. */
    private static final Set<String> NAMING_VERBS = Set.of("named", "name", "names", "naming", "called", "call", "calls",
            "calling", "dubbed", "crowned", "elected", "appointed", "declared");
    /** After {@code last} or {@code next}, these make a time phrase ({@code saw her last week}), not a determined noun. */
    private static final Set<String> TIME_NOUNS = Set.of("week", "weekend", "month", "year", "night", "summer", "winter",
            "spring", "autumn", "fall", "time", "morning", "evening");
    private static volatile TokenizerModel tokenizerModel;
    private static volatile POSModel posModel;

    private final TokenizerME tokenizer;
    private final ChunkTokenizer chunks;
    private final POSTaggerME tagger;
    /**
     * How many tagged windows are remembered. Tagging is a function of the window's text alone, so a window
     * seen again (a template's clause, a repeated comment) takes its tags from here with the same result.
     */
    static final int REMEMBERED = 4096;

    private final Map<String, Tagged> recent = new LinkedHashMap<>(REMEMBERED * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tagged> eldest) {
            return size() > REMEMBERED;
        }
    };
    private String text;
    private Span[] spans;
    private Tagged current;

    /** A context over the shared models, loading them on first use. */
    public PosContext() {
        load();
        this.tokenizer = new TokenizerME(tokenizerModel);
        this.chunks = new ChunkTokenizer(tokenizer);
        this.tagger = new POSTaggerME(posModel, POSTagFormat.UD);
    }

    /**
     * Loads the shared models now, so that the first context made later does not wait for them; a failure
     * is left for that context to report.
     */
    public static void preload() {
        try {
            load();
        } catch (RuntimeException e) {
            // reported where a context is made
        }
    }

    private static synchronized void load() {
        if (tokenizerModel == null) {
            try (InputStream t = resource(TOKENIZER_MODEL); InputStream p = resource(POS_MODEL)) {
                tokenizerModel = new TokenizerModel(t);
                posModel = new POSModel(new ByteArrayInputStream(greedy(p.readAllBytes())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the OpenNLP models", e);
            }
        }
    }

    /**
     * The part-of-speech model with a beam of 1: each tag is the model's best given the tags before it, a third
     * of the work of the beam of 3 it ships with. On the 15,235 her/his decisions of five corpora the two gave
     * the same decision every time (docs/augment.md).
     */
    static byte[] greedy(byte[] model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.length);
        boolean set = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(model));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("manifest.properties")) {
                    Properties manifest = new Properties();
                    manifest.load(new ByteArrayInputStream(bytes));
                    manifest.setProperty(BeamSearch.BEAM_SIZE_PARAMETER, "1");
                    ByteArrayOutputStream m = new ByteArrayOutputStream();
                    manifest.store(m, null);
                    bytes = m.toByteArray();
                    set = true;
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        if (!set) {
            throw new IOException("the part-of-speech model has no manifest.properties");
        }
        return out.toByteArray();
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
    private boolean windowClosed;

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
        Boolean d = decide(t, start, end);
        if (d == null) {
            // the reused window ends too soon after this word: tag a window starting here
            tagWindow(t, start, end);
            d = decide(t, start, end);
        }
        return d != null && d;
    }

    /** The decision from the current window, or null when the window is cut right after the word. */
    private Boolean decide(String t, int start, int end) {
        int i = 0;
        while (i < spans.length && spans[i].getEnd() + windowStart <= start) {
            i++;
        }
        // the word's own OpenNLP token, then the next ones that begin after the word
        int j = i;
        while (j < spans.length && spans[j].getStart() + windowStart < end) {
            j++;
        }
        // adverbs (her very own) and the pieces of a hyphenated modifier (her awe-inspiring, his now-famous)
        while (j < spans.length && ("ADV".equals(tag(j)) || hyphen(t, j))) {
            j++;
        }
        if (j + 3 >= spans.length && !windowClosed) {
            return null;
        }
        // "her" opening a sentence is never an object: Her next week will be busy.
        boolean clauseInitial = i == 0 || ".!?:;\"'(".contains(word(t, i - 1));
        String word = t.substring(start, end).toLowerCase(Locale.ROOT);
        if (j >= spans.length) {
            return false;
        }
        if (clauseInitial && word.equals("her")) {
            return true;
        }
        String next = word(t, j);
        String tag = tag(j);
        String before = i > 0 ? word(t, i - 1) : "";
        if (next.equals("own")) {
            return true;
        }
        if (ALWAYS_TIME.contains(next)) {
            return false;
        }
        if ((next.equals("last") || next.equals("next")) && j + 1 < spans.length && TIME_NOUNS.contains(word(t, j + 1))
                && !(j + 2 < spans.length && word(t, j + 2).equals("of")) && !(clauseInitial && word.equals("her"))) {
            return false;
        }
        boolean capitalized = Character.isUpperCase(t.codePointAt(spans[j].getStart() + windowStart));
        if (NAMING_VERBS.contains(before) && ("PROPN".equals(tag) || "NUM".equals(tag) || capitalized)) {
            return false;
        }
        if ("NOUN".equals(tag) || "PROPN".equals(tag)) {
            return true;
        }
        if ("NUM".equals(tag)) {
            // her 3 children, but called her 3 times
            return !(j + 1 < spans.length && (word(t, j + 1).equals("times") || word(t, j + 1).equals("time")));
        }
        if ("ADJ".equals(tag) || next.equals("later")) {
            if (nounFollows(t, j + 1)) {
                return true;
            }
            // No noun after the adjective. "his" is then still a determiner (the model often tags the head
            // noun as an adjective: his narrative, his specialty), except in "his alone"; "her" right after a
            // verb is an object with a predicative adjective (made her happy, kept her busy).
            if (word.equals("his")) {
                return !next.equals("alone");
            }
            return !"VERB".equals(i > 0 ? tag(i - 1) : "");
        }
        if ("VERB".equals(tag)) {
            // a participle used as an adjective: her preferred route, his widely praised book, her blossoming career
            if (next.endsWith("ed") || next.endsWith("ing")) {
                return nounFollows(t, j + 1);
            }
            return false;
        }
        return false;
    }

    /** True when, from token {@code k}, a noun comes after at most a few adjectives, adverbs, numbers or hyphen pieces. */
    private boolean nounFollows(String t, int k) {
        for (int n = 0; k < spans.length && n < 4; k++, n++) {
            String tg = tag(k);
            if ("NOUN".equals(tg) || "PROPN".equals(tg)) {
                return true;
            }
            if (!("ADJ".equals(tg) || "ADV".equals(tg) || "NUM".equals(tg) || "CCONJ".equals(tg) || hyphen(t, k)
                    || ("VERB".equals(tg) && (word(t, k).endsWith("ed") || word(t, k).endsWith("ing"))))) {
                return false;
            }
        }
        return false;
    }

    /** The UD tag of token {@code k}, the first of a contraction's tags ({@code NOUN+PART} is {@code NOUN}). */
    private String tag(int k) {
        String tg = tagOf(k);
        int plus = tg.indexOf('+');
        return plus < 0 ? tg : tg.substring(0, plus);
    }

    /** A hyphen token, or a token glued to the next by a trailing hyphen ({@code awe-} in {@code awe-inspiring}). */
    private boolean hyphen(String t, int k) {
        String w = t.substring(spans[k].getStart() + windowStart, spans[k].getEnd() + windowStart);
        return w.equals("-") || w.equals("\u2010") || w.equals("\u2011") || (w.length() > 1 && w.endsWith("-")
                && k + 1 < spans.length && spans[k + 1].getStart() == spans[k].getEnd());
    }

    private String word(String t, int k) {
        return t.substring(spans[k].getStart() + windowStart, spans[k].getEnd() + windowStart).toLowerCase(Locale.ROOT);
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
        windowClosed = we >= t.length() || boundary(t.charAt(we - 1));
        // Curly quotes confuse the models (clients’ is tagged as punctuation); straight ones keep every offset.
        String window = t.substring(ws, we).replace('\u2019', '\'').replace('\u2018', '\'')
                .replace('\u201C', '"').replace('\u201D', '"');
        Tagged known = recent.get(window);
        if (known == null) {
            Span[] sp = chunks.tokenizePos(window);
            String[] tokens = new String[sp.length];
            for (int i = 0; i < sp.length; i++) {
                tokens[i] = sp[i].getCoveredText(window).toString();
            }
            known = new Tagged(sp, tokens);
            recent.put(window, known);
        }
        current = known;
        spans = known.spans;
    }

    /**
     * The tag of window token {@code k}, tagging the window's tokens from its start as far as needed. With a beam
     * of 1 each tag depends only on the tags before it and on the words at most two places either side (the
     * model's features), so tagging the first P tokens gives every tag before P - 2 exactly as tagging them all.
     */
    private String tagOf(int k) {
        Tagged w = current;
        if (k >= w.valid) {
            int n = w.tokens.length;
            int p = Math.min(n, Math.max(k + 1 + LOOKAHEAD, 2 * w.valid));
            String[] tagged = tagger.tag(p == n ? w.tokens : java.util.Arrays.copyOf(w.tokens, p));
            w.tags = tagged;
            w.valid = p == n ? n : p - 2;
        }
        return w.tags[k];
    }

    /** How many tokens past the last one needed are tagged at once (at least the two the model looks ahead). */
    private static final int LOOKAHEAD = 8;

    /** A window's tokens (offsets within the window) and the tags of its first {@code valid} tokens. */
    private static final class Tagged {
        final Span[] spans;
        final String[] tokens;
        String[] tags = new String[0];
        int valid;

        Tagged(Span[] spans, String[] tokens) {
            this.spans = spans;
            this.tokens = tokens;
        }
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
