package dev.debias.audit.count;

import dev.debias.stats.ClusteredProportions;
import java.util.Objects;

/**
 * Per-document counts of an axis against targets at a unit scope, summed into the moments the
 * clustered statistics need (documents are the clusters), and the document holding most units of each
 * group and of each cell. The variables of a document are {@link #XG}, {@link #XR}, {@link #XZ} (its
 * units with the target holding the group, another group of the axis but not the group, no group of the
 * axis) and {@link #NG}, {@link #NR}, {@link #NZ} (its units of each side).
 */
public final class ClusterTable {
    /** Variable positions in {@link ClusteredProportions.Moments}. */
    public static final int XG = 0, XR = 1, XZ = 2, NG = 3, NR = 4, NZ = 5;

    private final ClusteredProportions.Moments[][] cells;
    private final Top[] groupTop;
    private final Top[][] cellTop;

    /**
     * The document holding most units of a group or a cell.
     *
     * @param doc the top-level Lucene document id, or -1 when no document holds any
     * @param units its units
     */
    public record Top(int doc, long units) {}

    ClusterTable(ClusteredProportions.Moments[][] cells, Top[] groupTop, Top[][] cellTop) {
        this.cells = Objects.requireNonNull(cells);
        this.groupTop = groupTop;
        this.cellTop = cellTop;
    }

    /** The moments of group {@code g} against target {@code t}. */
    public ClusteredProportions.Moments moments(int g, int t) {
        return cells[g][t];
    }

    /** The document with most units of group {@code g}. */
    public Top groupTop(int g) {
        return groupTop[g];
    }

    /** The document with most units holding group {@code g} and target {@code t}. */
    public Top cellTop(int g, int t) {
        return cellTop[g][t];
    }

    /** A coefficient vector selecting the sum of {@code variables}. */
    public static double[] of(int... variables) {
        double[] c = new double[6];
        for (int v : variables) {
            c[v] = 1;
        }
        return c;
    }
}
