package dev.debias.cli;

import dev.debias.core.InvalidInputException;
import dev.debias.lexicon.CounterfactualPair;
import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.PairLexicon;
import dev.debias.lexicon.TermLexicon;
import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code debias lexicon}: the built-in term and pair lists, listed or printed for copying. */
@Command(name = "lexicon", mixinStandardHelpOptions = true,
        description = "List the built-in lexicons, or print one as a file to copy, edit and pass back.",
        subcommands = {LexiconCommand.ListBuiltins.class, LexiconCommand.Show.class})
final class LexiconCommand implements Runnable {
    private static final String PREFIX = "builtin:";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print every built-in lexicon (builtin:NAME) with its kind (terms or pairs), its axes, "
                    + "its size, how many of its rows carry flags (a term list: ambiguous and the like; a pair list: "
                    + "a part-of-speech condition) and the number of terms of each group (for a pair list, its "
                    + "pairs counted by the group of their source term in the axis' built-in term list).",
            footer = {"", "Example:", "  debias lexicon list"})
    static final class ListBuiltins implements Callable<Integer> {
        /** Groups listed by name before the rest are summarized. */
        private static final int SHOWN = 8;

        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"name", "kind", "axis", "terms", "flagged", "groups (terms per group)"});
            for (String name : Lexicons.BUILTIN_TERMS) {
                TermLexicon lex = Lexicons.terms(PREFIX + name);
                String shown = PREFIX + name;
                for (String axis : lex.axes()) {
                    Map<String, Integer> perGroup = new LinkedHashMap<>();
                    lex.groups(axis).forEach(g -> perGroup.put(g, lex.terms(axis, g, true).size()));
                    long flagged = lex.axis(axis).terms().stream().filter(t -> !Show.flags(t).isEmpty()).count();
                    rows.add(new String[] {shown, "terms", axis, Integer.toString(lex.axis(axis).size()),
                        Long.toString(flagged), counts(perGroup)});
                    shown = "";
                }
            }
            for (String name : Lexicons.BUILTIN_PAIRS) {
                PairLexicon lex = Lexicons.pairs(PREFIX + name);
                String shown = PREFIX + name;
                for (String axis : lex.pairs().stream().map(CounterfactualPair::axis).distinct().toList()) {
                    List<CounterfactualPair> pairs = lex.pairs(axis);
                    Optional<TermLexicon> terms = Lexicons.BUILTIN_TERMS.contains(axis)
                            ? Optional.of(Lexicons.terms(PREFIX + axis)) : Optional.empty();
                    Map<String, Integer> perGroup = new LinkedHashMap<>();
                    for (CounterfactualPair p : pairs) {
                        String g = terms.flatMap(t -> t.lookup(axis, p.term())).map(LexiconTerm::group).orElse("(no group)");
                        perGroup.merge(g, 1, Integer::sum);
                    }
                    long conditional = pairs.stream().filter(p -> !p.unconditional()).count();
                    rows.add(new String[] {shown, "pairs", axis, Integer.toString(pairs.size()), Long.toString(conditional),
                        counts(perGroup)});
                    shown = "";
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            table(out, rows);
            out.println();
            out.println("Print one with 'debias lexicon show NAME'; with --format tsv it is a lexicon file to edit and "
                    + "pass back, e.g. audit --axis builtin:gender,my-gender.tsv or augment --terms builtin:gender,my-gender.tsv.");
            out.flush();
            return ExitCodes.OK;
        }

        /** The first {@value #SHOWN} groups with their counts; past that, how many more and their range of counts. */
        private static String counts(Map<String, Integer> perGroup) {
            List<String> parts = new ArrayList<>();
            perGroup.forEach((g, k) -> parts.add(g + " " + k));
            if (parts.size() <= SHOWN + 2) {
                return String.join(", ", parts);
            }
            var rest = perGroup.values().stream().skip(SHOWN).mapToInt(Integer::intValue).summaryStatistics();
            return String.join(", ", parts.subList(0, SHOWN)) + " and " + (parts.size() - SHOWN) + " more groups of "
                    + (rest.getMin() == rest.getMax() ? rest.getMin() : rest.getMin() + " to " + rest.getMax())
                    + " terms (" + perGroup.size() + " groups in all)";
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print one built-in lexicon: a term list as axis<TAB>group<TAB>term[<TAB>flags] rows, a "
                    + "pair list as axis<TAB>term<TAB>counterpart[<TAB>POS] rows, in the built-in's order.",
                "With --format tsv the output is a lexicon file: save it (debias lexicon show gender --format tsv > "
                    + "my-gender.tsv), edit it (add terms, move a term to another group, flag it ambiguous) and pass "
                    + "the file wherever a lexicon is asked for, alone or after the built-in (builtin:gender,"
                    + "my-gender.tsv: a later source extends earlier ones and wins where both define a term; the flag "
                    + "'remove' drops a built-in term)."},
            footer = {"", "Example:", "  debias lexicon show gender", "  debias lexicon show builtin:gender-pairs --format tsv > pairs.tsv"})
    static final class Show implements Callable<Integer> {
        /** Output formats of {@code show}. */
        enum Format { TSV, TABLE }

        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "A built-in: NAME or builtin:NAME (see 'debias lexicon list').")
        String name;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
                description = "tsv (a lexicon file) or table (aligned columns). Default: ${DEFAULT-VALUE}.")
        Format format;

        @Override
        public Integer call() {
            String bare = name.strip().startsWith(PREFIX) ? name.strip().substring(PREFIX.length()) : name.strip();
            List<String[]> rows = new ArrayList<>();
            if (Lexicons.BUILTIN_TERMS.contains(bare)) {
                TermLexicon lex = Lexicons.terms(PREFIX + bare);
                rows.add(new String[] {"axis", "group", "term", "flags"});
                for (LexiconTerm t : lex.terms()) {
                    String flags = String.join(",", flags(t));
                    rows.add(flags.isEmpty() ? new String[] {t.axis(), t.group(), t.term()}
                            : new String[] {t.axis(), t.group(), t.term(), flags});
                }
            } else if (Lexicons.BUILTIN_PAIRS.contains(bare)) {
                PairLexicon lex = Lexicons.pairs(PREFIX + bare);
                rows.add(new String[] {"axis", "term", "counterpart", "pos", "groups"});
                for (CounterfactualPair p : lex.pairs()) {
                    rows.add(new String[] {p.axis(), p.term(), p.counterpart(), p.unconditional() ? "" : p.posTag(),
                            p.fromRow() ? p.group() + "->" + p.toGroup() : ""});
                }
            } else {
                throw new InvalidInputException("no built-in lexicon '" + name + "'; the built-in term lists are "
                        + Lexicons.BUILTIN_TERMS + " and the pair lists " + Lexicons.BUILTIN_PAIRS
                        + " (see 'debias lexicon list')");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.TSV) {
                // the file as it ships: its comments say where the facts come from, and a counterpart row stays one row
                out.print(Lexicons.builtinText(bare));
            } else {
                table(out, rows);
            }
            out.flush();
            return ExitCodes.OK;
        }

        /**
         * The flags of a term as the file format writes them: the name of every true boolean component of
         * {@link LexiconTerm} ({@code ambiguous}, and any flag the record gains later) and the elements of any
         * collection-of-flags component, so the output stays a faithful copy as the format grows.
         */
        static List<String> flags(LexiconTerm t) {
            List<String> out = new ArrayList<>();
            for (RecordComponent c : LexiconTerm.class.getRecordComponents()) {
                try {
                    Object v = c.getAccessor().invoke(t);
                    if (v instanceof Boolean b && b) {
                        out.add(c.getName().toLowerCase(Locale.ROOT));
                    } else if (v instanceof Collection<?> values && !c.getName().equals("tokens")) {
                        values.forEach(x -> out.add(String.valueOf(x).toLowerCase(Locale.ROOT)));
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of a lexicon term", e);
                }
            }
            return out.stream().distinct().toList();
        }
    }

    /** Prints {@code rows} (the first a header) as left-aligned columns two spaces apart. */
    static void table(PrintWriter out, List<String[]> rows) {
        int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                sb.append(i == r.length - 1 ? r[i] : String.format(Locale.ROOT, "%-" + width[i] + "s  ", r[i]));
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
