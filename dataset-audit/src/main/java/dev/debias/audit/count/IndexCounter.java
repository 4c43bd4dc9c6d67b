package dev.debias.audit.count;

import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.IndexFields;
import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.lexicon.LexiconTerm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Counts co-occurrence units from an audit index without reading any text: term features come from
 * posting lists (positions for sentence and window scope), field features from doc values, and the
 * table from bit-set intersections. Results are exact and equal to {@link ScanCounter}'s. Not
 * thread-safe; cheap to create once per scope.
 */
public final class IndexCounter {
    private final CorpusIndex index;
    private final UnitLayout layout;
    private final Map<Feature, Computed> cache = new HashMap<>();

    private record Computed(UnitSet units, Map<String, Long> termOccurrences) {}

    private final int denseUnits;

    /** Prepares counting at {@code scope}: numbers the units of every document. */
    public IndexCounter(CorpusIndex index, Scope scope) throws IOException {
        this(index, scope, UnitSet.DENSE_UNITS);
    }

    /** As above, holding sets as bit sets only up to {@code denseUnits} units (tests reach both layouts). */
    IndexCounter(CorpusIndex index, Scope scope, int denseUnits) throws IOException {
        this.index = index;
        this.layout = new UnitLayout(index.reader(), scope);
        this.denseUnits = denseUnits;
    }

    /** The scope counted at. */
    public Scope scope() {
        return layout.scope;
    }

    /** All units of the corpus at this scope. */
    public long units() {
        return layout.units;
    }

    /** Units holding {@code feature}. */
    public long count(Feature feature) throws IOException {
        return compute(feature).units.size();
    }

    /**
     * Occurrences of each of a term feature's terms (by normalized key, in the feature's term order,
     * only terms that occur); empty for a field feature.
     */
    public Map<String, Long> termOccurrences(Feature feature) throws IOException {
        return compute(feature).termOccurrences;
    }

    /**
     * The distinct values of the label ({@code attribute} null) or of a ground-truth attribute over the
     * index, sorted; the empty value is left out.
     */
    public List<String> values(String attribute) throws IOException {
        String field = fieldOf(attribute);
        TreeSet<String> out = new TreeSet<>();
        for (LeafReaderContext ctx : index.reader().leaves()) {
            SortedDocValues dv = ctx.reader().getSortedDocValues(field);
            if (dv == null) {
                continue;
            }
            TermsEnum te = dv.termsEnum();
            for (BytesRef b = te.next(); b != null; b = te.next()) {
                if (b.length > 0) {
                    out.add(b.utf8ToString());
                }
            }
        }
        return List.copyOf(out);
    }

    /** The full table of {@code groups} (an axis) against {@code targets}. */
    public CountTable table(List<String> groupNames, List<Feature> groups, List<String> targetNames,
            List<Feature> targets) throws IOException {
        int k = groups.size();
        int m = targets.size();
        int units = layout.units;
        FixedBitSet[] g = new FixedBitSet[k];
        for (int i = 0; i < k; i++) {
            g[i] = compute(groups.get(i)).units.toBits(units);
        }
        UnitSet[] t = new UnitSet[m];
        FixedBitSet anyTarget = new FixedBitSet(Math.max(1, units));
        for (int j = 0; j < m; j++) {
            t[j] = compute(targets.get(j)).units;
            t[j].addTo(anyTarget);
        }
        long[] group = new long[k];
        long[] rest = new long[k];
        long[] exclusive = new long[k];
        long[] target = new long[m];
        long[][] both = new long[k][m];
        long[][] restBoth = new long[k][m];
        long[][] exclusiveBoth = new long[k][m];
        long[] exclusiveAny = new long[k];
        for (int j = 0; j < m; j++) {
            target[j] = t[j].size();
        }
        for (int i = 0; i < k; i++) {
            FixedBitSet others = new FixedBitSet(Math.max(1, units));
            for (int h = 0; h < k; h++) {
                if (h != i) {
                    others.or(g[h]);
                }
            }
            FixedBitSet restBits = others.clone();
            restBits.andNot(g[i]);
            FixedBitSet exclusiveBits = g[i].clone();
            exclusiveBits.andNot(others);
            group[i] = g[i].cardinality();
            rest[i] = restBits.cardinality();
            exclusive[i] = exclusiveBits.cardinality();
            FixedBitSet exclusiveAnyBits = exclusiveBits.clone();
            exclusiveAnyBits.and(anyTarget);
            exclusiveAny[i] = exclusiveAnyBits.cardinality();
            for (int j = 0; j < m; j++) {
                both[i][j] = t[j].countIn(g[i]);
                restBoth[i][j] = t[j].countIn(restBits);
                exclusiveBoth[i][j] = t[j].countIn(exclusiveBits);
            }
        }
        return new CountTable(layout.scope, units, groupNames, targetNames, group, rest, exclusive, target, both,
                restBoth, exclusiveBoth, exclusiveAny);
    }

    /**
     * The per-document counts of {@code groups} (an axis) against {@code targets}, summed for clustered
     * statistics with documents as clusters (at document scope every cluster is one unit).
     */
    public ClusterTable clusters(List<Feature> groups, List<Feature> targets) throws IOException {
        FixedBitSet[] g = new FixedBitSet[groups.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = compute(groups.get(i)).units.toBits(layout.units);
        }
        List<UnitSet> t = new ArrayList<>();
        for (Feature f : targets) {
            t.add(compute(f).units);
        }
        return DocumentCounts.table(layout, g, t);
    }

    /**
     * The documents with a unit holding both features, in input order (by record ordinal, whatever
     * order the indexing threads added them in), at most {@code limit}; each with the first such
     * unit (0-based within the document: its sentence index or window start).
     */
    public List<UnitHit> documentsWithBoth(Feature a, Feature b, int limit) throws IOException {
        FixedBitSet bits = compute(a).units.toBits(layout.units);
        FixedBitSet other = compute(b).units.toBits(layout.units);
        bits.and(other);
        List<UnitHit> hits = new ArrayList<>();
        List<Long> ordinals = new ArrayList<>();
        int lastLeaf = -1;
        int lastDoc = -1;
        NumericDocValues ords = null;
        for (int u = bits.length() == 0 ? DocIdSetIterator.NO_MORE_DOCS : bits.nextSetBit(0);
                u != DocIdSetIterator.NO_MORE_DOCS;
                u = u + 1 >= bits.length() ? DocIdSetIterator.NO_MORE_DOCS : bits.nextSetBit(u + 1)) {
            int[] at = layout.locate(u);
            if (at[0] == lastLeaf && at[1] == lastDoc) {
                continue;
            }
            UnitLayout.Leaf leaf = layout.leaves.get(at[0]);
            if (at[0] != lastLeaf) {
                ords = leaf.context.reader().getNumericDocValues(IndexFields.ORDINAL);
            }
            // units come in leaf order, then document order, so the doc values iterator only moves forward
            long ordinal = ords != null && ords.advanceExact(at[1]) ? ords.longValue() : Long.MAX_VALUE;
            hits.add(new UnitHit(leaf.context.docBase + at[1], u - leaf.base[at[1]]));
            ordinals.add(ordinal);
            lastLeaf = at[0];
            lastDoc = at[1];
        }
        Integer[] order = new Integer[hits.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Long.compare(ordinals.get(x), ordinals.get(y)));
        List<UnitHit> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, order.length); i++) {
            out.add(hits.get(order[i]));
        }
        return out;
    }

    /**
     * How units of each column value are covered by an axis' groups: {@code [column][g]} counts units
     * holding group {@code g} only, {@code [column][k]} units holding several groups and
     * {@code [column][k + 1]} units holding none, {@code k} being the number of groups. At document
     * scope this compares lexicon-detected groups with a ground-truth column, document by document.
     */
    public long[][] detection(List<Feature> groups, List<Feature> columns) throws IOException {
        int k = groups.size();
        int units = layout.units;
        FixedBitSet seen = new FixedBitSet(Math.max(1, units));
        FixedBitSet several = new FixedBitSet(Math.max(1, units));
        FixedBitSet[] g = new FixedBitSet[k];
        for (int i = 0; i < k; i++) {
            g[i] = compute(groups.get(i)).units.toBits(units);
            FixedBitSet overlap = seen.clone();
            overlap.and(g[i]);
            several.or(overlap);
            seen.or(g[i]);
        }
        long[][] out = new long[columns.size()][k + 2];
        for (int c = 0; c < columns.size(); c++) {
            UnitSet column = compute(columns.get(c)).units;
            for (int i = 0; i < k; i++) {
                FixedBitSet only = g[i].clone();
                only.andNot(several);
                out[c][i] = column.countIn(only);
            }
            out[c][k] = column.countIn(several);
            out[c][k + 1] = column.size() - column.countIn(seen);
        }
        return out;
    }

    /**
     * A document holding a unit of interest.
     *
     * @param doc the Lucene document id (top-level)
     * @param unit the unit within the document: 0 for document scope, the sentence index, or the
     *     window's first token position
     */
    public record UnitHit(int doc, int unit) {}

    private Computed compute(Feature f) throws IOException {
        Computed c = cache.get(f);
        if (c == null) {
            c = switch (f) {
                case Feature.Terms t -> terms(t);
                case Feature.FieldValue v -> field(v);
                case Feature.AnyOf any -> anyOf(any);
                case Feature.AllOf all -> allOf(all);
            };
            cache.put(f, c);
        }
        return c;
    }

    private Computed terms(Feature.Terms f) throws IOException {
        Map<String, Long> occurrences = new LinkedHashMap<>();
        Scope scope = layout.scope;
        boolean positions = scope.kind() != Scope.Kind.DOCUMENT;
        boolean dense = layout.units <= denseUnits;
        FixedBitSet bits = dense ? new FixedBitSet(Math.max(1, layout.units)) : null;
        UnitSet.Builder b = dense ? null : new UnitSet.Builder(layout.units);
        for (LexiconTerm term : f.terms()) {
            long n = 0;
            for (UnitLayout.Leaf leaf : layout.leaves) {
                int[] base = leaf.base;
                Occurrences.Sink sink = switch (scope.kind()) {
                    case DOCUMENT -> dense ? (doc, s, e) -> bits.set(base[doc]) : (doc, s, e) -> b.add(base[doc], base[doc] + 1);
                    case SENTENCE -> dense
                            ? (doc, s, e) -> bits.set(base[doc] + leaf.sentenceOf(doc, s))
                            : (doc, s, e) -> {
                                int u = base[doc] + leaf.sentenceOf(doc, s);
                                b.add(u, u + 1);
                            };
                    case WINDOW -> (doc, s, e) -> {
                        int[] w = scope.windowsHolding(s, e, leaf.tokens[doc]);
                        if (w[0] <= w[1]) {
                            if (dense) {
                                bits.set(base[doc] + w[0], base[doc] + w[1] + 1);
                            } else {
                                b.add(base[doc] + w[0], base[doc] + w[1] + 1);
                            }
                        }
                    };
                };
                if (term.modifier()) {
                    ModifierFilter filter = new ModifierFilter(leaf, sink, scope.kind() == Scope.Kind.DOCUMENT);
                    Occurrences.find(leaf, term, true, filter);
                    n += filter.accepted();
                } else {
                    n += Occurrences.find(leaf, term, positions, sink);
                }
            }
            if (n > 0) {
                occurrences.merge(term.key(), n, Long::sum);
            }
        }
        return new Computed(dense ? new UnitSet(bits) : b.build(), occurrences);
    }

    /**
     * The index field of the label ({@code attribute} null) or a ground-truth attribute.
     *
     * @throws InvalidInputException when the index was built without that field
     */
    private String fieldOf(String attribute) {
        var meta = index.metadata();
        if (attribute == null) {
            if (meta.labelField() == null) {
                throw new InvalidInputException(index.dir() + ": the index has no label field; build it with "
                        + Setting.LABEL_FIELD);
            }
            return IndexFields.LABEL;
        }
        if (!meta.groupFields().contains(attribute)) {
            throw new InvalidInputException(index.dir() + ": the index has no group field '" + attribute
                    + "'; its group fields are " + meta.groupFields() + " (build it with " + Setting.GROUP_FIELD + " "
                    + attribute + ")");
        }
        return IndexFields.group(attribute);
    }

    private Computed anyOf(Feature.AnyOf f) throws IOException {
        FixedBitSet bits = new FixedBitSet(Math.max(1, layout.units));
        Map<String, Long> occurrences = new LinkedHashMap<>();
        for (Feature part : f.parts()) {
            Computed c = compute(part);
            c.units.addTo(bits);
            c.termOccurrences.forEach((k, v) -> occurrences.merge(k, v, Long::sum));
        }
        return new Computed(new UnitSet(bits), occurrences);
    }

    /** Units holding every part; no term occurrences (an intersection's cells report units only). */
    private Computed allOf(Feature.AllOf f) throws IOException {
        FixedBitSet bits = compute(f.parts().get(0)).units.toBits(layout.units);
        for (Feature part : f.parts().subList(1, f.parts().size())) {
            bits.and(compute(part).units.toBits(layout.units));
        }
        return new Computed(new UnitSet(bits), Map.of());
    }

    private Computed field(Feature.FieldValue f) throws IOException {
        String field = fieldOf(f.attribute());
        UnitSet.Builder b = new UnitSet.Builder(layout.units);
        BytesRef value = new BytesRef(f.value());
        for (UnitLayout.Leaf leaf : layout.leaves) {
            SortedDocValues dv = leaf.context.reader().getSortedDocValues(field);
            if (dv == null) {
                continue;
            }
            int ord = dv.lookupTerm(value);
            if (ord < 0) {
                continue;
            }
            for (int doc = dv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) {
                if (dv.ordValue() == ord) {
                    b.add(leaf.base[doc], leaf.base[doc + 1]);
                }
            }
        }
        return new Computed(b.build(), Map.of());
    }
}
