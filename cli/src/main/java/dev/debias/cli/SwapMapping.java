package dev.debias.cli;

import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.core.InvalidInputException;
import java.util.List;

/** The {@code --pair A,B} and {@code --to GROUP} options of the commands that swap an axis' groups. */
final class SwapMapping {
    private SwapMapping() {}

    /** {@code builder} with the pair or target given (both null: the swapper's default), checked. */
    static CounterfactualSwapper.Builder apply(CounterfactualSwapper.Builder builder, List<String> pair, String to) {
        if (pair != null && !pair.isEmpty()) {
            if (pair.size() != 2) {
                throw new InvalidInputException("--pair takes two groups, A,B, got " + String.join(",", pair));
            }
            if (to != null) {
                throw new InvalidInputException("give --pair or --to, not both");
            }
            builder.optPair(pair.get(0).strip(), pair.get(1).strip());
        } else if (to != null) {
            builder.optTarget(to.strip());
        }
        return builder;
    }

    /** The builder's swapper, with a group the axis lacks reported as invalid input. */
    static CounterfactualSwapper build(CounterfactualSwapper.Builder builder) {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }
}
