package dev.debias.evaluate.mlm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The tokens two sequences share, found as Python's {@code difflib.SequenceMatcher} finds its
 * matching blocks (without its junk heuristics): the longest common contiguous run (the earliest in the
 * first sequence, then in the second, when several are as long), then the same recursively on the parts
 * to its left and to its right. Tokens outside every block are the modified ones (a substitution, an
 * insertion or a deletion).
 *
 * @param first the positions in the first sequence of the shared tokens, ascending
 * @param second the matching positions in the second sequence, ascending
 */
public record TokenAlignment(int[] first, int[] second) {
    /** The shared tokens of {@code a} and {@code b}. */
    public static TokenAlignment of(long[] a, long[] b) {
        List<int[]> blocks = new ArrayList<>(); // {start in a, start in b, length}
        Deque<int[]> todo = new ArrayDeque<>();
        todo.push(new int[] {0, a.length, 0, b.length});
        while (!todo.isEmpty()) {
            int[] r = todo.pop();
            int[] m = longest(a, b, r[0], r[1], r[2], r[3]);
            if (m[2] == 0) {
                continue;
            }
            blocks.add(m);
            if (r[0] < m[0] && r[2] < m[1]) {
                todo.push(new int[] {r[0], m[0], r[2], m[1]});
            }
            if (m[0] + m[2] < r[1] && m[1] + m[2] < r[3]) {
                todo.push(new int[] {m[0] + m[2], r[1], m[1] + m[2], r[3]});
            }
        }
        blocks.sort(Comparator.comparingInt(x -> x[0]));
        int n = blocks.stream().mapToInt(x -> x[2]).sum();
        int[] first = new int[n];
        int[] second = new int[n];
        int k = 0;
        for (int[] m : blocks) {
            for (int i = 0; i < m[2]; i++, k++) {
                first[k] = m[0] + i;
                second[k] = m[1] + i;
            }
        }
        return new TokenAlignment(first, second);
    }

    /** The longest common run of {@code a[alo, ahi)} and {@code b[blo, bhi)}: {start in a, start in b, length}. */
    private static int[] longest(long[] a, long[] b, int alo, int ahi, int blo, int bhi) {
        int bestI = alo;
        int bestJ = blo;
        int best = 0;
        int[] prev = new int[bhi - blo + 1];
        for (int i = alo; i < ahi; i++) {
            int[] cur = new int[bhi - blo + 1];
            for (int j = blo; j < bhi; j++) {
                if (a[i] == b[j]) {
                    int len = prev[j - blo] + 1;
                    cur[j - blo + 1] = len;
                    if (len > best) {
                        best = len;
                        bestI = i - len + 1;
                        bestJ = j - len + 1;
                    }
                }
            }
            prev = cur;
        }
        return new int[] {bestI, bestJ, best};
    }

    /** Number of shared tokens. */
    public int size() {
        return first.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenAlignment t && Arrays.equals(first, t.first) && Arrays.equals(second, t.second);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(first) + Arrays.hashCode(second);
    }

    @Override
    public String toString() {
        return "TokenAlignment" + Arrays.toString(first) + "~" + Arrays.toString(second);
    }
}
