package dev.debias.audit.count;

import dev.debias.audit.index.IndexFields;
import dev.debias.lexicon.PersonContext;
import dev.debias.text.AnalyzedText;
import dev.debias.text.SentenceSplitter;
import java.io.IOException;
import java.util.Set;
import org.apache.lucene.index.StoredFields;

/**
 * Passes on only the occurrences of a {@link dev.debias.lexicon.LexiconTerm#modifier() modifier} term that
 * modify a person ({@link PersonContext#builtin()}), deciding on the stored text of each document that holds
 * the term, analysed as {@link ScanCounter} analyses it, so the two counters agree. At document scope a
 * document is passed on once. Not thread-safe.
 */
final class ModifierFilter implements Occurrences.Sink {
    private final Occurrences.Sink next;
    private final boolean oncePerDocument;
    private final StoredFields stored;
    private final SentenceSplitter splitter = SentenceSplitter.create();
    private int doc = -1;
    private String[] tokens;
    private int[] starts;
    private int passedDoc = -1;
    private long accepted;

    ModifierFilter(UnitLayout.Leaf leaf, Occurrences.Sink next, boolean oncePerDocument) throws IOException {
        this.next = next;
        this.oncePerDocument = oncePerDocument;
        this.stored = leaf.context.reader().storedFields();
    }

    @Override
    public void occurrence(int d, int start, int end) throws IOException {
        if (d != doc) {
            doc = d;
            String text = stored.document(d, Set.of(IndexFields.TEXT)).get(IndexFields.TEXT);
            AnalyzedText a = AnalyzedText.of(text == null ? "" : text, splitter);
            tokens = a.tokens();
            starts = a.sentenceStarts();
        }
        if (!PersonContext.builtin().followedByPerson(tokens, end + 1, ScanCounter.sentenceEnd(starts, end, tokens.length))) {
            return;
        }
        accepted++;
        if (oncePerDocument && passedDoc == d) {
            return;
        }
        passedDoc = d;
        next.occurrence(d, start, end);
    }

    /** How many occurrences were passed on (every accepted one, also those a document already passed). */
    long accepted() {
        return accepted;
    }
}
