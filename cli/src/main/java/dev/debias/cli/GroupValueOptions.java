package dev.debias.cli;

import dev.debias.corpus.GroupValueMap;
import picocli.CommandLine.Option;

/** {@code --group-values}: which values of a ground-truth group field stand for which group. */
final class GroupValueOptions {
    @Option(names = "--group-values", paramLabel = "VALUE=GROUP,...",
            description = "Which values of the --group-field column stand for which group, when they are not the "
                    + "group names, e.g. EEC's Race column: --group-values African-American=black,European=white. "
                    + "Values compare ignoring case and surrounding space and may hold spaces and hyphens; a value "
                    + "not listed stands for a group by name (female, Female, F). audit: a group field's label "
                    + "table has one row per group; augment: a copy's group field gets the value listed for its new "
                    + "group (African-American <-> European); evaluate: values listed for one group are one group. "
                    + "Default: none.")
    String spec;

    /** The mapping given, or {@link GroupValueMap#NONE}. */
    GroupValueMap map() {
        return spec == null ? GroupValueMap.NONE : GroupValueMap.parse(spec);
    }
}
