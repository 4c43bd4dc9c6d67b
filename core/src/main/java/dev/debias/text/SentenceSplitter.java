package dev.debias.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.util.Span;

/**
 * Splits text into sentences with the OpenNLP English sentence model
 * ({@code org.apache.opennlp:opennlp-models-sentdetect-en}, trained on UD English-EWT), loaded from
 * the class path. Line breaks that separate paragraphs (a blank line) always end a sentence. Not
 * thread-safe: use one instance per thread ({@link #create()} shares the loaded model).
 */
public final class SentenceSplitter {
    /** The model file inside the models jar. */
    public static final String MODEL_RESOURCE = "opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";

    private static volatile SentenceModel model;

    private final SentenceDetectorME detector;

    private SentenceSplitter(SentenceModel model) {
        this.detector = new SentenceDetectorME(model);
    }

    /** A splitter over the shared English model, loading it on first use. */
    public static SentenceSplitter create() {
        return new SentenceSplitter(model());
    }

    /** A name for the model that changes when the model does, for cache keys. */
    public static String modelId() {
        return MODEL_RESOURCE;
    }

    private static SentenceModel model() {
        SentenceModel m = model;
        if (m == null) {
            synchronized (SentenceSplitter.class) {
                m = model;
                if (m == null) {
                    try (InputStream in = SentenceSplitter.class.getClassLoader().getResourceAsStream(MODEL_RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("the OpenNLP sentence model " + MODEL_RESOURCE
                                    + " is not on the class path (org.apache.opennlp:opennlp-models-sentdetect-en)");
                        }
                        m = new SentenceModel(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the OpenNLP sentence model", e);
                    }
                    model = m;
                }
            }
        }
        return m;
    }

    /** A blank line: a line break, optional spaces, tabs or carriage returns, another line break. */
    private static final java.util.regex.Pattern BLANK_LINE = java.util.regex.Pattern.compile("\\n[ \\t\\r\\f]*\\n");

    /**
     * The character spans of the sentences of {@code text}, in order, without surrounding white
     * space. Text without any sentence-ending punctuation is one sentence; a blank line (also with
     * {@code \r\n} line ends or spaces on it) always ends a sentence.
     */
    public Span[] split(String text) {
        java.util.regex.Matcher m = BLANK_LINE.matcher(text);
        if (!m.find()) {
            return detector.sentPosDetect(text);
        }
        // Paragraph breaks end sentences whatever the model says; split there first.
        java.util.List<Span> out = new java.util.ArrayList<>();
        int start = 0;
        boolean more = true;
        while (more) {
            int end = m.start();
            int next = m.end();
            add(out, text, start, end);
            start = next;
            more = m.find();
        }
        add(out, text, start, text.length());
        return out.toArray(new Span[0]);
    }

    private void add(java.util.List<Span> out, String text, int start, int end) {
        if (end > start) {
            for (Span s : detector.sentPosDetect(text.substring(start, end))) {
                out.add(new Span(s.getStart() + start, s.getEnd() + start));
            }
        }
    }
}
