package dev.debias.audit;

import dev.debias.audit.count.Feature;
import dev.debias.audit.count.IndexCounter;
import dev.debias.audit.count.Scope;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.IndexFields;
import dev.debias.audit.index.TokenRuleAnalyzer;
import dev.debias.lexicon.LexiconTerm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Shows why a cell is skewed: the documents where a group and a target share a unit, with the
 * group's and target's terms highlighted by Lucene's unified highlighter (passages are sentences,
 * the ones with most matches first).
 */
public final class Snippets {
    /** Highlight markers around matched terms. */
    public static final String OPEN = "[";
    /** Highlight markers around matched terms. */
    public static final String CLOSE = "]";

    private Snippets() {}

    /**
     * One matching document.
     *
     * @param id the record id
     * @param ordinal the record's 0-based position in the input
     * @param label its label, or null
     * @param unit where the first co-occurrence is: {@code document}, {@code sentence N} or {@code window at token N}
     * @param snippet the highlighted passages
     */
    public record Snippet(String id, long ordinal, String label, String unit, String snippet) {}

    /**
     * The first {@code limit} documents (in index order) where {@code group} and {@code target} share
     * a unit at {@code scope}, highlighted; at most {@code passages} passages each.
     */
    public static List<Snippet> find(CorpusIndex index, Scope scope, Feature group, Feature target, int limit,
            int passages) throws IOException {
        Objects.requireNonNull(group);
        Objects.requireNonNull(target);
        IndexCounter counter = new IndexCounter(index, scope);
        List<IndexCounter.UnitHit> hits = counter.documentsWithBoth(group, target, limit);
        if (hits.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (Feature f : List.of(group, target)) {
            if (f instanceof Feature.Terms t) {
                for (LexiconTerm term : t.terms()) {
                    q.add(query(term), BooleanClause.Occur.SHOULD);
                }
            }
        }
        IndexSearcher searcher = new IndexSearcher(index.reader());
        UnifiedHighlighter hl = UnifiedHighlighter.builder(searcher, new TokenRuleAnalyzer())
                .withFormatter(new DefaultPassageFormatter(OPEN, CLOSE, " ... ", false))
                .withMaxLength(100_000)
                .withHandleMultiTermQuery(false)
                .build();
        int[] docs = hits.stream().mapToInt(IndexCounter.UnitHit::doc).toArray();
        Map<String, String[]> text = hl.highlightFields(new String[] {IndexFields.TEXT}, q.build(), docs,
                new int[] {passages});
        String[] highlighted = text.get(IndexFields.TEXT);
        List<Snippet> out = new ArrayList<>();
        var stored = index.reader().storedFields();
        for (int i = 0; i < docs.length; i++) {
            Document d = stored.document(docs[i]);
            String snippet = highlighted[i] != null ? highlighted[i] : d.get(IndexFields.TEXT);
            int unit = hits.get(i).unit();
            String where = switch (scope.kind()) {
                case DOCUMENT -> "document";
                case SENTENCE -> "sentence " + (unit + 1);
                case WINDOW -> "window at token " + unit;
            };
            out.add(new Snippet(d.get(IndexFields.ID), d.getField(IndexFields.ORDINAL).numericValue().longValue(),
                    d.get(IndexFields.LABEL), where, snippet.strip()));
        }
        return out;
    }

    private static Query query(LexiconTerm term) {
        if (!term.isPhrase()) {
            return new TermQuery(new Term(IndexFields.TEXT, term.tokens().get(0)));
        }
        return new PhraseQuery(IndexFields.TEXT, term.tokens().toArray(new String[0]));
    }
}
