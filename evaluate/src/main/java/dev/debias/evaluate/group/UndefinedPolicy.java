package dev.debias.evaluate.group;

/**
 * What a gap across groups does when a metric is undefined for some groups (a TPR for a group without
 * positives, a precision for a group the model never assigns the class). An undefined metric is
 * never read as 0 under either policy.
 */
public enum UndefinedPolicy {
    /**
     * The gap is taken over the groups where the metric is defined (at least two needed), and the
     * left-out groups are listed with the gap. The default: one tiny group does not blank every gap.
     */
    SKIP_GROUP,
    /** The gap is undefined as soon as one group's metric is undefined (Fairlearn's NaN behaviour). */
    PROPAGATE
}
