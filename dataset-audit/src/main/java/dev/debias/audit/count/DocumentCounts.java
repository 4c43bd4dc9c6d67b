package dev.debias.audit.count;

import dev.debias.stats.ClusteredProportions;
import java.util.List;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * Counts the units of every document inside bit sets of units and sums them into a
 * {@link ClusterTable}. The moments that involve only the sides' unit counts do not depend on the
 * target, so they are summed once per group over all documents; the target terms only over the
 * documents where the target occurs (elsewhere they are 0).
 */
final class DocumentCounts {
    private DocumentCounts() {}

    /** The table of {@code groups} (bit sets over the layout's units) against {@code targets}, one target's bits at a time. */
    static ClusterTable table(UnitLayout layout, FixedBitSet[] groups, List<UnitSet> targetSets) {
        int[] starts = layout.documentStarts();
        int docs = starts.length - 1;
        int k = groups.length;
        int m = targetSets.size();
        FixedBitSet any = new FixedBitSet(Math.max(1, layout.units));
        for (FixedBitSet g : groups) {
            any.or(g);
        }
        long[] anyWords = any.getBits();
        int[] nAny = new int[docs];
        for (int d = 0; d < docs; d++) {
            nAny[d] = (int) UnitSet.cardinality(anyWords, starts[d], starts[d + 1]);
        }
        int[][] nG = new int[k][docs];
        long[][] restWords = new long[k][];
        double[][] sums = new double[k][6];
        double[][][] products = new double[k][6][6];
        ClusterTable.Top[] groupTop = new ClusterTable.Top[k];
        for (int g = 0; g < k; g++) {
            long[] words = groups[g].getBits();
            FixedBitSet rest = any.clone();
            rest.andNot(groups[g]);
            restWords[g] = rest.getBits();
            int best = -1;
            long bestUnits = 0;
            for (int d = 0; d < docs; d++) {
                int ng = (int) UnitSet.cardinality(words, starts[d], starts[d + 1]);
                nG[g][d] = ng;
                if (ng > bestUnits) {
                    best = d;
                    bestUnits = ng;
                }
                double[] v = {0, 0, 0, ng, nAny[d] - ng, starts[d + 1] - starts[d] - nAny[d]};
                for (int a = 3; a < 6; a++) {
                    sums[g][a] += v[a];
                    for (int b = 3; b < 6; b++) {
                        products[g][a][b] += v[a] * v[b];
                    }
                }
            }
            groupTop[g] = new ClusterTable.Top(best, bestUnits);
        }
        ClusteredProportions.Moments[][] cells = new ClusteredProportions.Moments[k][m];
        ClusterTable.Top[][] cellTop = new ClusterTable.Top[k][m];
        for (int t = 0; t < m; t++) {
            FixedBitSet target = targetSets.get(t).toBits(layout.units);
            long[] tw = target.getBits();
            // the documents where the target occurs, with its units there
            int[] tDocs = new int[16];
            int[] tUnits = new int[16];
            int n = 0;
            int len = target.length();
            int u = len == 0 ? DocIdSetIterator.NO_MORE_DOCS : target.nextSetBit(0);
            while (u != DocIdSetIterator.NO_MORE_DOCS) {
                int d = documentOf(starts, u);
                if (n == tDocs.length) {
                    tDocs = java.util.Arrays.copyOf(tDocs, n * 2);
                    tUnits = java.util.Arrays.copyOf(tUnits, n * 2);
                }
                tDocs[n] = d;
                tUnits[n] = (int) UnitSet.cardinality(tw, starts[d], starts[d + 1]);
                n++;
                u = starts[d + 1] >= len ? DocIdSetIterator.NO_MORE_DOCS : target.nextSetBit(starts[d + 1]);
            }
            for (int g = 0; g < k; g++) {
                long[] gw = groups[g].getBits();
                double[] s = sums[g].clone();
                double[][] p = new double[6][];
                for (int a = 0; a < 6; a++) {
                    p[a] = products[g][a].clone();
                }
                int best = -1;
                long bestUnits = 0;
                for (int i = 0; i < n; i++) {
                    int d = tDocs[i];
                    int xg = andCardinality(tw, gw, starts[d], starts[d + 1]);
                    int xr = andCardinality(tw, restWords[g], starts[d], starts[d + 1]);
                    if (xg > bestUnits) {
                        best = d;
                        bestUnits = xg;
                    }
                    int ng = nG[g][d];
                    double[] v = {xg, xr, tUnits[i] - xg - xr, ng, nAny[d] - ng, starts[d + 1] - starts[d] - nAny[d]};
                    for (int a = 0; a < 3; a++) {
                        s[a] += v[a];
                        for (int b = 0; b < 6; b++) {
                            p[a][b] += v[a] * v[b];
                            if (b >= 3) {
                                p[b][a] += v[a] * v[b];
                            }
                        }
                    }
                }
                cells[g][t] = new ClusteredProportions.Moments(docs, s, p);
                cellTop[g][t] = new ClusterTable.Top(best, bestUnits);
            }
        }
        return new ClusterTable(cells, groupTop, cellTop);
    }

    /**
     * The document holding unit {@code u}: the last whose first unit is at or before it (a document
     * without units shares its start with the next one, which is then the last).
     */
    static int documentOf(int[] starts, int u) {
        int lo = 0;
        int hi = starts.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= u) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Number of units set in both {@code a} and {@code b} in {@code [from, to)}. */
    static int andCardinality(long[] a, long[] b, int from, int to) {
        if (from >= to) {
            return 0;
        }
        int sw = from >>> 6;
        int ew = (to - 1) >>> 6;
        long startMask = -1L << from;
        long endMask = -1L >>> -to;
        if (sw == ew) {
            return Long.bitCount(a[sw] & b[sw] & startMask & endMask);
        }
        int c = Long.bitCount(a[sw] & b[sw] & startMask);
        for (int i = sw + 1; i < ew; i++) {
            c += Long.bitCount(a[i] & b[i]);
        }
        return c + Long.bitCount(a[ew] & b[ew] & endMask);
    }
}
