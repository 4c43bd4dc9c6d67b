package dev.debias.finetune.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The shape of a BERT encoder, as in a Hugging Face {@code config.json}.
 *
 * @param vocabSize word-piece vocabulary size
 * @param hiddenSize width of every layer
 * @param layers number of transformer layers
 * @param heads attention heads per layer
 * @param intermediateSize width of the feed-forward layer
 * @param maxPositions length of the position table (the longest input)
 * @param typeVocabSize number of token types (segments)
 * @param layerNormEps the LayerNorm epsilon
 */
public record BertConfig(int vocabSize, int hiddenSize, int layers, int heads, int intermediateSize, int maxPositions,
        int typeVocabSize, double layerNormEps) {
    public BertConfig {
        if (vocabSize < 1 || hiddenSize < 1 || layers < 1 || heads < 1 || intermediateSize < 1 || maxPositions < 1
                || typeVocabSize < 1 || !(layerNormEps > 0)) {
            throw new IllegalArgumentException("invalid BERT configuration " + this);
        }
        if (hiddenSize % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hiddenSize + " is not a multiple of " + heads + " heads");
        }
    }

    /** Width of one attention head. */
    public int headSize() {
        return hiddenSize / heads;
    }

    /** Reads a Hugging Face {@code config.json}. */
    public static BertConfig read(Path configJson) throws IOException {
        JsonNode n = new ObjectMapper().readTree(configJson.toFile());
        String type = n.path("model_type").asText("bert");
        if (!type.equals("bert")) {
            throw new InvalidInputException(configJson + ": model_type is '" + type + "'; debias loads BERT models");
        }
        String act = n.path("hidden_act").asText("gelu");
        if (!act.equals("gelu")) {
            throw new InvalidInputException(configJson + ": hidden_act '" + act + "' is not supported (gelu only)");
        }
        return new BertConfig(require(n, "vocab_size", configJson), require(n, "hidden_size", configJson),
                require(n, "num_hidden_layers", configJson), require(n, "num_attention_heads", configJson),
                require(n, "intermediate_size", configJson), require(n, "max_position_embeddings", configJson),
                n.path("type_vocab_size").asInt(2), n.path("layer_norm_eps").asDouble(1e-12));
    }

    private static int require(JsonNode n, String field, Path file) {
        if (!n.has(field)) {
            throw new InvalidInputException(file + ": missing '" + field + "'");
        }
        return n.get(field).asInt();
    }

    /** The {@code config.json} form. */
    public String toJson() {
        return String.format(java.util.Locale.ROOT, "{\n  \"model_type\": \"bert\",\n  \"hidden_act\": \"gelu\",\n"
                + "  \"vocab_size\": %d,\n  \"hidden_size\": %d,\n  \"num_hidden_layers\": %d,\n"
                + "  \"num_attention_heads\": %d,\n  \"intermediate_size\": %d,\n  \"max_position_embeddings\": %d,\n"
                + "  \"type_vocab_size\": %d,\n  \"layer_norm_eps\": %s\n}\n", vocabSize, hiddenSize, layers, heads,
                intermediateSize, maxPositions, typeVocabSize, Double.toString(layerNormEps));
    }
}
