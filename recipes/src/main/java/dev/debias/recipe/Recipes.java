package dev.debias.recipe;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.debias.augment.AugmentMode;
import dev.debias.core.InvalidInputException;
import dev.debias.upstream.UpstreamMethod;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads recipe files (JSON or YAML), finds the built-ins, fills defaults and checks a recipe before anything
 * runs, so a typo fails in a second with the file, line and key rather than an hour into a run.
 */
public final class Recipes {
    /** The built-in recipes, in the order the README presents them. */
    public static final List<String> BUILTIN = List.of("quickstart", "cooccurrence-sweep", "cooccurrence-sweep-race",
            "upstream-vs-downstream", "pruning-transfer", "measure-agreement");

    /** The value of {@code upstream} and {@code downstream} lists that means "no intervention". */
    public static final String NONE = "none";

    private static final ObjectMapper JSON = configure(new ObjectMapper());
    private static final ObjectMapper YAML = configure(new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build()));

    private Recipes() {}

    private static ObjectMapper configure(ObjectMapper m) {
        m.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The JSON mapper of recipes (snake_case keys). */
    static ObjectMapper mapper() {
        return JSON;
    }

    /**
     * Loads {@code nameOrFile}: a built-in name ({@code quickstart}) or a path to a {@code .json},
     * {@code .yaml} or {@code .yml} file. The recipe is returned as written, except that the relative paths a
     * recipe file names are resolved against the file's folder ({@link RecipePaths}); see {@link #resolve}.
     *
     * @throws InvalidInputException when the file is missing or malformed, naming the file, line and key
     */
    public static Recipe load(String nameOrFile) throws IOException {
        if (BUILTIN.contains(nameOrFile)) {
            String resource = "builtin/" + nameOrFile + ".yaml";
            try (InputStream in = Recipes.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("built-in recipe " + resource + " is missing from the jar");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "builtin:" + nameOrFile, true,
                        nameOrFile);
            }
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("no recipe '" + nameOrFile + "': not a built-in (" + String.join(", ", BUILTIN)
                    + ") and no such file (tried " + file.toAbsolutePath().normalize() + ")");
        }
        String name = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Recipe r = parse(Files.readString(file), file.toString(), lower.endsWith(".yaml") || lower.endsWith(".yml"), name);
        return RecipePaths.relativeTo(r, file.toAbsolutePath().getParent());
    }

    /** The text of a built-in recipe, as shipped (for {@code debias recipe show}). */
    public static String builtinText(String name) throws IOException {
        if (!BUILTIN.contains(name)) {
            throw new InvalidInputException("no built-in recipe '" + name + "'; there are " + BUILTIN);
        }
        try (InputStream in = Objects.requireNonNull(Recipes.class.getResourceAsStream("builtin/" + name + ".yaml"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Parses recipe text.
     *
     * @param source what to call the text in errors (its file)
     * @param yaml YAML (true) or JSON
     * @param defaultName the name when the recipe gives none
     * @throws InvalidInputException on malformed text, unknown keys or a value not read as written (a fraction for
     *     a count, an empty list, an unknown measure, a YAML alias, a name that is not one folder name), with the place
     */
    public static Recipe parse(String text, String source, boolean yaml, String defaultName) {
        if (text.isBlank()) {
            throw new InvalidInputException(source + ": the recipe file is empty; it needs at least 'kind'");
        }
        Recipe r;
        try {
            r = (yaml ? YAML : JSON).readValue(text, Recipe.class);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = new ArrayList<>();
            for (Object k : e.getKnownPropertyIds()) {
                known.add(String.valueOf(k));
            }
            java.util.Collections.sort(known);
            throw new InvalidInputException(where(source, RecipeChecks.keyLocation(text, e.getPropertyName(), yaml, e.getLocation()))
                    + "unknown key '" + e.getPropertyName() + "'" + RecipeChecks.path(e) + "; known keys there: " + known);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof com.fasterxml.jackson.core.exc.StreamReadException syntax) {
                // a syntax error met inside a section: say so, at the parser's place
                throw RecipeChecks.malformed(source, yaml, syntax);
            }
            throw new InvalidInputException(where(source, e.getLocation()) + "wrong value" + RecipeChecks.path(e) + ": "
                    + RecipeChecks.problem(e));
        } catch (com.fasterxml.jackson.core.exc.StreamReadException e) {
            throw RecipeChecks.malformed(source, yaml, e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(where(source, e.getLocation()) + "malformed " + (yaml ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage());
        }
        if (r == null) {
            throw new InvalidInputException(source + ": the recipe is empty");
        }
        if (r.kind() == null) {
            throw new InvalidInputException(source + ": no 'kind'; expected one of "
                    + java.util.Arrays.stream(RecipeKind.values()).map(RecipeKind::id).toList());
        }
        try {
            RecipeKind.parse(r.kind());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source + ": " + e.getMessage());
        }
        RecipeChecks.name(text, source, yaml ? YAML : JSON, r.name() == null ? defaultName : r.name(), r.name() != null);
        RecipeChecks.noAliases(text, source, yaml ? YAML : JSON);
        RecipeChecks.written(r, RecipeKind.parse(r.kind()),
                key -> where(source, RecipeChecks.keyPath(text, yaml ? YAML : JSON, key)));
        if (r.axis() != null || r.pair() != null) {
            // the axis and pair are checked here, where the file and line are known
            String axis = r.axis() == null ? RecipeAxis.DEFAULT : r.axis();
            String key = r.pair() != null ? "pair" : "axis";
            RecipeAxis.pair(where(source, RecipeChecks.keyPath(text, yaml ? YAML : JSON, key)), axis, r.pair(),
                    r.data() != null && r.data().isFile());
        }
        if (r.name() == null) {
            r = new Recipe(defaultName, r.kind(), r.question(), r.model(), r.axis(), r.pair(), r.data(), r.scale(),
                    r.fix(), r.rates(), r.upstream(), r.downstream(), r.sparsities(), r.pruning(), r.contexts(),
                    r.upstreamOptions(), r.measures(), r.seat());
        }
        return r;
    }

    private static String where(String source, JsonLocation loc) {
        return RecipeChecks.where(source, loc);
    }

    /** The recipe as YAML, snake_case keys, nulls left out. */
    public static String toYaml(Recipe r) {
        try {
            return YAML.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The recipe as JSON, snake_case keys, nulls left out. */
    public static String toJson(Recipe r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The recipe with every default filled in and every value checked: what a run executes and its report
     * shows.
     *
     * @throws InvalidInputException naming the first value that cannot work
     */
    public static Recipe resolve(Recipe r) {
        RecipeKind kind = RecipeKind.parse(r.kind());
        if (r.name() != null && !RecipeChecks.validName(r.name())) {
            throw new InvalidInputException("recipe: key 'name': '" + r.name() + "' " + RecipeChecks.nameRule());
        }
        String where = "recipe " + r.name() + ": ";
        RecipeChecks.written(r, kind, key -> where);
        Recipe.Data d = r.data() == null ? new Recipe.Data(null, null, null, null, null, null, null, null, null) : r.data();
        if (d.demo() != null && d.file() != null) {
            throw new InvalidInputException(where + "data names both 'demo' and 'file'; keep one");
        }
        String axis = or(r.axis(), RecipeAxis.DEFAULT);
        List<String> pair = RecipeAxis.pair(where, axis, r.pair(), d.file() != null);
        Recipe.Data data;
        if (d.file() != null) {
            if (d.labelField() == null || d.groupField() == null) {
                throw new InvalidInputException(where + "data.file needs data.label_field and data.group_field");
            }
            double test = or(d.testFraction(), d.testFile() == null ? 0.2 : 0.0);
            double dev = or(d.devFraction(), 0.1);
            if (test < 0 || dev < 0 || test + dev >= 0.9) {
                throw new InvalidInputException(where + "data.test_fraction + data.dev_fraction must leave at least 10% "
                        + "for training, got " + test + " + " + dev);
            }
            data = new Recipe.Data(null, d.file(), d.testFile(), or(d.textField(), "text"), d.labelField(), d.groupField(),
                    d.idField(), test, dev);
        } else {
            Recipe.Demo m = d.demo() == null ? new Recipe.Demo(null, null, null, null, null) : d.demo();
            String labels = or(m.labels(), "occupation");
            if (!labels.equals("occupation") && !labels.equals("binary")) {
                throw new InvalidInputException(where + "data.demo.labels must be occupation or binary, got " + labels);
            }
            Recipe.Demo demo = new Recipe.Demo(labels, rate(where, "data.demo.cooccurrence", or(m.cooccurrence(), 0.9)),
                    rate(where, "data.demo.test_cooccurrence", or(m.testCooccurrence(), 0.5)),
                    rate(where, "data.demo.mention_rate", or(m.mentionRate(), 0.5)), or(m.seed(), 1L));
            data = new Recipe.Data(demo, null, null, "text", "label", axis, "id", null, null);
        }
        Recipe.Scale s = r.scale() == null ? new Recipe.Scale(null, null, null, null, null, null, null, null, null, null)
                : r.scale();
        Recipe.Scale scale = new Recipe.Scale(s.records() != null ? s.records() : d.file() == null ? 1200 : null,
                s.testRecords() != null ? s.testRecords() : d.file() == null ? 400 : null, or(s.epochs(), 1),
                or(s.maxLength(), 64), or(s.batchSize(), 16), or(s.learningRate(), 5e-5),
                or(s.seeds(), List.of(1L)), or(s.bootstrap(), 1000),
                or(s.device(), "auto"), or(s.precision(), "fp32"));
        try {
            dev.debias.finetune.model.Precision.parse(scale.precision());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + "scale.precision: " + e.getMessage());
        }
        positive(where, "scale.epochs", scale.epochs());
        positive(where, "scale.batch_size", scale.batchSize());
        if (scale.maxLength() < 8) {
            throw new InvalidInputException(where + "scale.max_length must be at least 8, got " + scale.maxLength());
        }
        if (scale.records() != null) {
            positive(where, "scale.records", scale.records());
        }
        if (scale.testRecords() != null) {
            positive(where, "scale.test_records", scale.testRecords());
        }
        if (new java.util.HashSet<>(scale.seeds()).size() != scale.seeds().size()) {
            throw new InvalidInputException(where + "scale.seeds repeat: " + scale.seeds());
        }
        if (!List.of("auto", "cpu", "gpu").contains(scale.device())) {
            throw new InvalidInputException(where + "scale.device must be auto, cpu or gpu, got " + scale.device());
        }
        if (scale.bootstrap() < 0) {
            throw new InvalidInputException(where + "scale.bootstrap must be >= 0, got " + scale.bootstrap());
        }

        String fix = null;
        List<Double> rates = null;
        List<String> upstream = null;
        List<String> downstream = null;
        List<Double> sparsities = null;
        List<String> pruning = null;
        Recipe.Contexts contexts = null;
        List<String> measures = or(r.measures(), List.of("tpr_gap_rms", "flip_rate"));
        List<String> seat = r.seat() == null ? List.of() : r.seat();
        switch (kind) {
            case QUICKSTART -> {
                fix = or(r.fix(), "two-sided");
                downstreamMode(where, "fix", fix);
            }
            case COOCCURRENCE_SWEEP -> {
                rates = or(r.rates(), List.of(0.5, 0.6, 0.7, 0.8, 0.9, 1.0));
                for (double x : rates) {
                    rate(where, "rates", x);
                }
                if (rates.size() < 2 || new java.util.HashSet<>(rates).size() != rates.size()) {
                    throw new InvalidInputException(where + "rates need at least two distinct values, got " + rates);
                }
            }
            case UPSTREAM_VS_DOWNSTREAM -> {
                upstream = withNone(or(r.upstream(), List.of(NONE, "sentence-debias", "inlp", "prune-neurons",
                        "counterfactual-continue")));
                downstream = withNone(or(r.downstream(), List.of(NONE, "two-sided", "rebalance", "reweigh")));
                upstream.forEach(u -> upstreamMethod(where, u));
                downstream.forEach(x -> downstreamMode(where, "downstream", x));
                if (!upstream.contains(NONE) || !downstream.contains(NONE)) {
                    throw new InvalidInputException(where + "upstream and downstream must both list 'none': the baseline "
                            + "every effect is measured from");
                }
            }
            case PRUNING_TRANSFER -> {
                pruning = or(r.pruning(), List.of("prune-heads", "prune-neurons"));
                for (String p : pruning) {
                    UpstreamMethod m = upstreamMethod(where, p);
                    if (m != UpstreamMethod.PRUNE_HEADS && m != UpstreamMethod.PRUNE_NEURONS) {
                        throw new InvalidInputException(where + "pruning lists prune-heads and prune-neurons, got " + p);
                    }
                }
                Recipe.Contexts c = r.contexts() == null ? new Recipe.Contexts(null, null) : r.contexts();
                contexts = new Recipe.Contexts(RecipeChecks.context(where, "contexts.learn", c.learn(), "bios", axis),
                        RecipeChecks.context(where, "contexts.other", c.other(), "everyday", axis));
                if (contexts.learn().name().equals(contexts.other().name())) {
                    throw new InvalidInputException(where + "the two contexts need different names, both are "
                            + contexts.learn().name());
                }
                measures = List.of("embedding_gap");
            }
            case MEASURE_AGREEMENT -> {
                upstream = withNone(or(r.upstream(), List.of(NONE, "sentence-debias", "inlp", "prune-neurons",
                        "counterfactual-continue")));
                upstream.forEach(u -> upstreamMethod(where, u));
                sparsities = or(r.sparsities(), List.of(0.2, 0.4, 0.6));
                for (double x : sparsities) {
                    if (!(x > 0 && x < 1)) {
                        throw new InvalidInputException(where + "sparsities must lie in (0, 1), got " + x);
                    }
                }
                seat = or(r.seat(), RecipeAxis.gender(axis) ? List.of(RecipeChecks.DEFAULT_SEAT) : List.of());
                if (r.measures() == null) {
                    measures = List.of("tpr_gap_rms", "flip_rate", "demographic_parity_difference", "embedding_gap");
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        String question = r.question() != null ? r.question() : RecipeAxis.question(kind, fix, axis);
        return new Recipe(r.name(), kind.id(), question, or(r.model(), "builtin:minilm"), axis, pair, data, scale, fix,
                rates, upstream, downstream, sparsities, pruning, contexts, r.upstreamOptions(), measures, seat);
    }

    private static List<String> withNone(List<String> list) {
        if (list.isEmpty()) {
            throw new InvalidInputException("an intervention list is empty; give at least 'none'");
        }
        if (new java.util.HashSet<>(list).size() != list.size()) {
            throw new InvalidInputException("an intervention list repeats a name: " + list);
        }
        return list;
    }

    static UpstreamMethod upstreamMethod(String where, String name) {
        if (name.equals(NONE)) {
            return null;
        }
        try {
            return UpstreamMethod.parse(name);
        } catch (RuntimeException e) {
            throw new InvalidInputException(where + e.getMessage());
        }
    }

    static AugmentMode downstreamMode(String where, String key, String name) {
        if (name.equals(NONE)) {
            return null;
        }
        try {
            return AugmentMode.parse(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + key + ": " + e.getMessage());
        }
    }

    private static double rate(String where, String key, double x) {
        if (!(x >= 0 && x <= 1)) {
            throw new InvalidInputException(where + key + " must lie in [0, 1], got " + x);
        }
        return x;
    }

    static void positive(String where, String key, int x) {
        if (x < 1) {
            throw new InvalidInputException(where + key + " must be at least 1, got " + x);
        }
    }

    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
