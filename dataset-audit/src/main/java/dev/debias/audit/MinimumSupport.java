package dev.debias.audit;

/**
 * The support a cell needs to headline an axis summary; cells below it are reported but never
 * chosen. The defaults, 10 group units and 5 target units, are where the cell's numbers start to mean
 * something: a rate over fewer than 10 units has a Wilson interval wider than half the scale (5 of 10
 * is [0.24, 0.76]), and with fewer than 5 units holding the target on the two compared sides the
 * prior-smoothed log-odds is mostly its prior. At sentence or window scope the group units are
 * effective units (units divided by the rate's design effect), so 277 sentences of one document count
 * as about one.
 *
 * @param groupUnits the fewest (effective) units holding the group
 * @param targetUnits the fewest units holding the target on the two compared sides together
 */
public record MinimumSupport(int groupUnits, int targetUnits) {
    /** 10 group units and 5 target units. */
    public static final MinimumSupport DEFAULT = new MinimumSupport(10, 5);

    public MinimumSupport {
        if (groupUnits < 0 || targetUnits < 0) {
            throw new IllegalArgumentException("a minimum support is a count of at least 0, got " + groupUnits + " and "
                    + targetUnits);
        }
    }
}
