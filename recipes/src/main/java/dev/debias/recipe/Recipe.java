package dev.debias.recipe;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One experiment as written in a recipe file (JSON or YAML, snake_case keys): what it asks, which data
 * and model it uses, which interventions it compares, and its budget. Every field but {@code kind} may be
 * left out; {@link Recipes#resolve} fills the defaults of the kind, so the resolved recipe written into a
 * run's report is complete. Immutable.
 *
 * @param name the recipe's name (default: the file name without extension)
 * @param kind the experiment: quickstart, cooccurrence-sweep, upstream-vs-downstream, pruning-transfer or
 *     measure-agreement
 * @param question the question the run answers, shown at the top of the report
 * @param model the pre-trained model: {@code builtin:minilm}, a model directory or an .onnx file
 * @param axis the demographic axis the recipe measures and fixes bias on (default {@code gender}): the demo bios'
 *     group field, the lexicons of the audit and augmentation, the swaps of the counterfactual test, upstream pairs
 * @param pair the two groups of the axis the recipe contrasts (default: female, male; black, white; christian,
 *     muslim; an axis of two groups, its two); a user's file on an axis of more groups must name them
 * @param data the fine-tuning and test data: the demo bios or a labelled file with a group column
 * @param scale records, epochs, max length, seeds: the knobs between a quick CPU check and a full study
 * @param fix quickstart: the data fix compared with the original data (an augment mode)
 * @param rates cooccurrence-sweep: the axis/label co-occurrence rates of the fine-tuning data
 * @param upstream upstream-vs-downstream, measure-agreement: the interventions on the pre-trained model
 *     ({@code none} and {@code debias upstream} method names)
 * @param downstream upstream-vs-downstream: the data fixes ({@code none}, {@code two-sided}, {@code rebalance},
 *     {@code reweigh}, or any augment mode)
 * @param sparsities measure-agreement: magnitude-pruning sparsities, each one more model
 * @param pruning pruning-transfer: the pruning methods compared ({@code prune-heads}, {@code prune-neurons})
 * @param contexts pruning-transfer: where a mask is learned and where else it is measured
 * @param upstreamOptions settings of the upstream interventions (pairs, steps, fraction...)
 * @param measures the bias measures the reading is about, the first one the headline
 * @param seat SEAT tests run on every fine-tuned encoder ({@code builtin:NAME} or files); may be empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recipe(String name, String kind, String question, String model, String axis, List<String> pair,
        Data data, Scale scale, String fix, List<Double> rates, List<String> upstream, List<String> downstream,
        List<Double> sparsities, List<String> pruning, Contexts contexts, UpstreamOptions upstreamOptions, List<String> measures,
        List<String> seat) {

    public Recipe {
        pair = pair == null ? null : List.copyOf(pair);
        rates = rates == null ? null : List.copyOf(rates);
        upstream = upstream == null ? null : List.copyOf(upstream);
        downstream = downstream == null ? null : List.copyOf(downstream);
        sparsities = sparsities == null ? null : List.copyOf(sparsities);
        pruning = pruning == null ? null : List.copyOf(pruning);
        measures = measures == null ? null : List.copyOf(measures);
        seat = seat == null ? null : List.copyOf(seat);
    }

    /**
     * The data section: either {@code demo} (generated bios) or {@code file} (a labelled corpus of the user's),
     * never both.
     *
     * @param demo generated demo bios
     * @param file a labelled corpus (JSONL, CSV, TSV; optionally gzipped): split into train, dev and test
     *     unless {@code testFile} is given
     * @param testFile a separate test corpus in the same layout, or null
     * @param textField the text column
     * @param labelField the label column
     * @param groupField the group column (e.g. gender, race) the fairness metrics are computed over
     * @param idField the record id column, or null to number records
     * @param testFraction the share of {@code file} held out for testing when there is no test file
     * @param devFraction the share of {@code file} held out to pick the best epoch
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Data(Demo demo, String file, String testFile, String textField, String labelField, String groupField,
            String idField, Double testFraction, Double devFraction) {
        /** Whether this section names a user's file rather than the demo bios. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isFile() {
            return file != null;
        }
    }

    /**
     * Generated demo bios ({@code debias generate bios}).
     *
     * @param labels {@code occupation} (8 classes) or {@code binary} (nurse / surgeon)
     * @param cooccurrence the share of each occupation's bios written with its stereotyped group of the axis, in training
     * @param testCooccurrence the same share in the test set (0.5: no association to learn from it)
     * @param mentionRate the probability that a bio names its occupation
     * @param seed the data seed (separate from the training seeds)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Demo(String labels, Double cooccurrence, Double testCooccurrence, Double mentionRate, Long seed) {}

    /**
     * The budget.
     *
     * @param records training records (demo: generated; file: at most this many, null for all)
     * @param testRecords test records (demo: generated; file: at most this many, null for all)
     * @param epochs fine-tuning epochs
     * @param maxLength the model's maximum input length in tokens
     * @param batchSize the fine-tuning batch size
     * @param learningRate the fine-tuning peak learning rate
     * @param seeds training seeds: every cell is fine-tuned once per seed, and pooled over them
     * @param bootstrap bootstrap replicates of every interval
     * @param device auto, cpu or gpu
     * @param precision the fine-tunes' matrix products: fp32, bf16 or auto (bf16 where the CPU or GPU has it)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scale(Integer records, Integer testRecords, Integer epochs, Integer maxLength, Integer batchSize,
            Double learningRate, List<Long> seeds, Integer bootstrap, String device, String precision) {
        public Scale {
            seeds = seeds == null ? null : List.copyOf(seeds);
        }

        /** A budget that leaves the precision to its default (fp32), as budgets written before it existed. */
        public Scale(Integer records, Integer testRecords, Integer epochs, Integer maxLength, Integer batchSize,
                Double learningRate, List<Long> seeds, Integer bootstrap, String device) {
            this(records, testRecords, epochs, maxLength, batchSize, learningRate, seeds, bootstrap, device, null);
        }
    }

    /**
     * The two contexts of pruning-transfer.
     *
     * @param learn where the pruning mask is learned (and measured on held-out pairs)
     * @param other where else it is measured
     */
    public record Contexts(Context learn, Context other) {}

    /**
     * A context: sentences with terms of the axis, from a built-in template domain or a file.
     *
     * @param name what the report calls it
     * @param demo {@code bios} (the demo biographies) or {@code everyday} (built-in everyday-life sentences)
     * @param file a corpus file instead, read from {@code textField}
     * @param textField the text column of {@code file}
     * @param records demo records to generate, or at most this many records of the file
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Context(String name, String demo, String file, String textField, Integer records) {}

    /**
     * Settings of {@code debias upstream}, the same names as its options; null leaves the upstream default.
     *
     * @param learnPairs counterfactual pairs the interventions learn from
     * @param heldOutPairs pairs the embedding gap is measured on
     * @param neutral neutral sentences of counterfactual-continue's anchor
     * @param directions sentence-debias directions
     * @param inlpIterations INLP's most iterations
     * @param fraction share of heads or neurons pruned
     * @param steps counterfactual-continue steps
     * @param sparsity magnitude-prune sparsity (measure-agreement takes its sparsities from the recipe)
     * @param corpusRecords demo bios the pairs are sampled from (demo data only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UpstreamOptions(Integer learnPairs, Integer heldOutPairs, Integer neutral, Integer directions,
            Integer inlpIterations, Double fraction, Integer steps, Double sparsity, Integer corpusRecords) {}

    /** The same recipe with another scale. */
    public Recipe withScale(Scale s) {
        return new Recipe(name, kind, question, model, axis, pair, data, s, fix, rates, upstream, downstream, sparsities, pruning,
                contexts, upstreamOptions, measures, seat);
    }

    /** The same recipe with another model. */
    public Recipe withModel(String m) {
        return new Recipe(name, kind, question, m, axis, pair, data, scale, fix, rates, upstream, downstream, sparsities, pruning,
                contexts, upstreamOptions, measures, seat);
    }
}
