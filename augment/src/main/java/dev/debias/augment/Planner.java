package dev.debias.augment;

import java.util.Optional;

/**
 * Plans the treatment of every record of a corpus from its {@link Census}, for the modes that read a
 * corpus twice: one-sided, rebalance and reweigh. A planner is a pure function of the census and its
 * settings: the same census gives the same plan.
 */
interface Planner {
    /**
     * The plan for the records of {@code census}.
     *
     * @throws dev.debias.core.InvalidInputException when the settings cannot apply to this corpus
     */
    Plan plan(Census census);

    /** Whether the census must hold the group of each record's counterfactual copy; default false. */
    default boolean needsCopyGroups() {
        return false;
    }

    /** The planner of {@code config}'s mode on the axis named {@code axis}, or empty when the mode plans nothing. */
    static Optional<Planner> forMode(AugmentConfig config, String axis) {
        return switch (config.mode()) {
            case ONE_SIDED -> Optional.of(new OneSidedPlanner());
            case REBALANCE -> Optional.of(new RebalancePlanner(axis, config.targetGroup(), config.targetRate(),
                    config.targetRateSet(), config.targetShares(), config.allowDrop(), config.seed()));
            case REWEIGH -> Optional.of(new ReweighPlanner());
            case TWO_SIDED, SUBSTITUTE, MASK -> Optional.empty();
        };
    }
}
