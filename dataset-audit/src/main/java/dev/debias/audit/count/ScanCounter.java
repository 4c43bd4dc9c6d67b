package dev.debias.audit.count;

import dev.debias.corpus.Record;
import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.PersonContext;
import dev.debias.text.AnalyzedText;
import dev.debias.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference counter: reads each record's text, tokenizes it, looks every token sequence up in
 * the lexicon and tallies the units, one record at a time. It shares only the definitions (the
 * {@link AnalyzedText} analysis and the {@link Scope} unit rules) with {@link IndexCounter}, which must
 * give the same table; tests and {@code debias bench audit} hold the two to that. Sentences are only
 * computed for records that need them (sentence scope, or a phrase or modifier match to check); a
 * {@link LexiconTerm#modifier() modifier} term counts only where {@link PersonContext} finds it modifying
 * a person in its sentence. Not
 * thread-safe: one per thread.
 */
public final class ScanCounter {
    private final Scope scope;
    private final List<String> groupNames;
    private final List<Feature> groups;
    private final List<String> targetNames;
    private final List<Feature> targets;
    private final Map<String, List<Candidate>> byFirstToken = new HashMap<>();
    private final SentenceSplitter splitter = SentenceSplitter.create();

    private long units;
    private final long[] group;
    private final long[] rest;
    private final long[] exclusive;
    private final long[] target;
    private final long[][] both;
    private final long[][] restBoth;
    private final long[][] exclusiveBoth;
    private final long[] exclusiveAny;

    /** A term of a feature: {@code feature} indexes groups then targets. */
    private record Candidate(int feature, LexiconTerm term) {}

    private record Occurrence(int feature, int start, int end, boolean modifier) {}

    /** The token index where the sentence holding token {@code k} ends (exclusive), of {@code n} tokens. */
    static int sentenceEnd(int[] starts, int k, int n) {
        int s = AnalyzedText.sentenceOf(starts, 0, starts.length, k);
        return s + 1 < starts.length ? starts[s + 1] : n;
    }

    public ScanCounter(Scope scope, List<String> groupNames, List<Feature> groups, List<String> targetNames,
            List<Feature> targets) {
        this.scope = scope;
        this.groupNames = List.copyOf(groupNames);
        this.groups = List.copyOf(groups);
        this.targetNames = List.copyOf(targetNames);
        this.targets = List.copyOf(targets);
        List<Feature> all = new ArrayList<>(groups);
        all.addAll(targets);
        for (int f = 0; f < all.size(); f++) {
            for (Feature leaf : leaves(all.get(f))) {
                if (leaf instanceof Feature.Terms t) {
                    for (LexiconTerm term : t.terms()) {
                        byFirstToken.computeIfAbsent(term.tokens().get(0), k -> new ArrayList<>()).add(new Candidate(f, term));
                    }
                }
            }
        }
        int k = groups.size();
        int m = targets.size();
        group = new long[k];
        rest = new long[k];
        exclusive = new long[k];
        target = new long[m];
        both = new long[k][m];
        restBoth = new long[k][m];
        exclusiveBoth = new long[k][m];
        exclusiveAny = new long[k];
    }

    /** Counts one record. */
    public void add(Record r) {
        Found f = find(r);
        List<Occurrence> found = f.occurrences;
        int[] sentences = f.sentences;
        String[] tokens = f.tokens;
        int k = groups.size();
        int m = targets.size();
        boolean[] docFeature = fieldFeatures(r);
        int n = scope.units(tokens.length, sentences.length);
        units += n;
        for (int u = 0; u < n; u++) {
            boolean[] has = docFeature.clone();
            for (Occurrence o : found) {
                has[o.feature] |= switch (scope.kind()) {
                    case DOCUMENT -> true;
                    case SENTENCE -> AnalyzedText.sentenceOf(sentences, 0, sentences.length, o.start) == u;
                    case WINDOW -> u <= o.start && o.end <= u + scope.window();
                };
            }
            tally(has, k, m);
        }
    }

    /**
     * Which features the record holds anywhere in its text or fields (document scope), groups first
     * then targets, without counting it. Uses the same matching as {@link #add}.
     */
    public boolean[] documentFeatures(Record r) {
        Found f = find(r);
        boolean[] has = fieldFeatures(r);
        for (Occurrence o : f.occurrences) {
            has[o.feature] = true;
        }
        return has;
    }

    private record Found(String[] tokens, int[] sentences, List<Occurrence> occurrences) {}

    private Found find(Record r) {
        AnalyzedText a = AnalyzedText.of(r.text(), null);
        String[] tokens = a.tokens();
        List<Occurrence> found = new ArrayList<>();
        boolean phrase = false;
        boolean modifier = false;
        for (int i = 0; i < tokens.length; i++) {
            for (Candidate c : byFirstToken.getOrDefault(tokens[i], List.of())) {
                List<String> tt = c.term.tokens();
                if (i + tt.size() > tokens.length) {
                    continue;
                }
                boolean match = true;
                for (int j = 1; j < tt.size() && match; j++) {
                    match = tt.get(j).equals(tokens[i + j]);
                }
                if (match) {
                    found.add(new Occurrence(c.feature, i, i + tt.size() - 1, c.term.modifier()));
                    phrase |= tt.size() > 1;
                    modifier |= c.term.modifier();
                }
            }
        }
        int[] sentences = a.sentenceStarts();
        if (tokens.length > 0 && (phrase || modifier || scope.kind() == Scope.Kind.SENTENCE)) {
            sentences = AnalyzedText.of(r.text(), splitter).sentenceStarts();
        }
        int[] starts = sentences;
        found.removeIf(o -> o.end > o.start && AnalyzedText.sentenceOf(starts, 0, starts.length, o.start)
                != AnalyzedText.sentenceOf(starts, 0, starts.length, o.end));
        if (modifier) {
            found.removeIf(o -> o.modifier && !PersonContext.builtin().followedByPerson(tokens, o.end + 1,
                    sentenceEnd(starts, o.end, tokens.length)));
        }
        return new Found(tokens, sentences, found);
    }

    private boolean[] fieldFeatures(Record r) {
        int k = groups.size();
        int m = targets.size();
        boolean[] docFeature = new boolean[k + m];
        for (int f = 0; f < k + m; f++) {
            for (Feature leaf : leaves(f < k ? groups.get(f) : targets.get(f - k))) {
                if (leaf instanceof Feature.FieldValue v) {
                    String value = v.isLabel() ? r.label() : r.attributes().get(v.attribute());
                    docFeature[f] |= v.value().equals(value);
                }
            }
        }
        return docFeature;
    }

    /**
     * The term and field features a feature is made of (itself, or the parts of an {@link Feature.AnyOf}).
     *
     * @throws IllegalArgumentException for an {@link Feature.AllOf}: the reference counter does not count
     *     intersections, which {@link IndexCounter} builds from their parts' exact unit sets
     */
    private static List<Feature> leaves(Feature f) {
        if (f instanceof Feature.AllOf all) {
            throw new IllegalArgumentException("the scan counter does not count intersection features such as "
                    + all.name() + "; use IndexCounter");
        }
        if (f instanceof Feature.AnyOf any) {
            List<Feature> out = new ArrayList<>();
            any.parts().forEach(p -> out.addAll(leaves(p)));
            return out;
        }
        return List.of(f);
    }

    private void tally(boolean[] has, int k, int m) {
        boolean anyTarget = false;
        for (int t = 0; t < m; t++) {
            if (has[k + t]) {
                target[t]++;
                anyTarget = true;
            }
        }
        for (int g = 0; g < k; g++) {
            boolean others = false;
            for (int h = 0; h < k; h++) {
                others |= h != g && has[h];
            }
            boolean isRest = others && !has[g];
            boolean isExclusive = has[g] && !others;
            if (has[g]) {
                group[g]++;
            }
            if (isRest) {
                rest[g]++;
            }
            if (isExclusive) {
                exclusive[g]++;
                if (anyTarget) {
                    exclusiveAny[g]++;
                }
            }
            for (int t = 0; t < m; t++) {
                if (has[k + t]) {
                    both[g][t] += has[g] ? 1 : 0;
                    restBoth[g][t] += isRest ? 1 : 0;
                    exclusiveBoth[g][t] += isExclusive ? 1 : 0;
                }
            }
        }
    }

    /** The table of everything added so far. */
    public CountTable table() {
        return new CountTable(scope, units, groupNames, targetNames, group, rest, exclusive, target, both, restBoth,
                exclusiveBoth, exclusiveAny);
    }
}
