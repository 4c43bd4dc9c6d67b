package dev.debias.finetune.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The shape of an encoder of the BERT family ({@link ModelFamily}), as in a Hugging Face
 * {@code config.json}.
 *
 * @param vocabSize vocabulary size
 * @param hiddenSize width of every layer
 * @param layers number of transformer layers
 * @param heads attention heads per layer
 * @param intermediateSize width of the feed-forward layer
 * @param maxPositions rows of the position table
 * @param typeVocabSize number of token types (segments); 0 for a family without them
 * @param layerNormEps the LayerNorm epsilon
 * @param family the architecture
 * @param embeddingSize width of the embeddings (ELECTRA's and DeBERTa's may differ from the hidden width)
 * @param positionOffset the position-table row of the first token (RoBERTa: its padding index + 1)
 * @param relative DeBERTa-v2's relative-position settings; null for every other family, required for it
 * @param modern ModernBERT's rotary, local-attention and bias settings; null for every other family, required
 *     for it (a ModernBERT has no position table, token types or embedding projection; {@code maxPositions}
 *     is its {@code max_position_embeddings}, the longest input)
 */
public record BertConfig(int vocabSize, int hiddenSize, int layers, int heads, int intermediateSize, int maxPositions,
        int typeVocabSize, double layerNormEps, ModelFamily family, int embeddingSize, int positionOffset,
        RelativeAttention relative, ModernBertSettings modern) {
    public BertConfig {
        if (family == null) {
            throw new IllegalArgumentException("a model family is required");
        }
        boolean deberta = family == ModelFamily.DEBERTA_V2;
        boolean modernBert = family == ModelFamily.MODERNBERT;
        if (vocabSize < 1 || hiddenSize < 1 || layers < 1 || heads < 1 || intermediateSize < 1 || embeddingSize < 1
                || positionOffset < 0 || maxPositions <= positionOffset + 1 || !(layerNormEps > 0)
                || (deberta ? typeVocabSize < 0 || positionOffset != 0
                        : family.tokenTypes() ? typeVocabSize < 1 : typeVocabSize != 0)
                || (modernBert && positionOffset != 0)) {
            throw new IllegalArgumentException("invalid " + family.modelType() + " configuration " + this);
        }
        if (deberta != (relative != null)) {
            throw new IllegalArgumentException(deberta ? "deberta-v2 needs its relative-attention settings"
                    : "only deberta-v2 has relative-attention settings");
        }
        if (modernBert != (modern != null)) {
            throw new IllegalArgumentException(modernBert ? "modernbert needs its rotary and local-attention settings"
                    : "only modernbert has rotary and local-attention settings");
        }
        if (deberta && relative.span(maxPositions) < 1) {
            throw new IllegalArgumentException("the relative span of " + relative + " is not positive");
        }
        if (embeddingSize != hiddenSize && family != ModelFamily.ELECTRA && !deberta) {
            throw new IllegalArgumentException("only ELECTRA and DeBERTa have an embedding width (" + embeddingSize
                    + ") other than their hidden width (" + hiddenSize + ")");
        }
        if (hiddenSize % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hiddenSize + " is not a multiple of " + heads + " heads");
        }
        if (modernBert && (hiddenSize / heads) % 2 != 0) {
            throw new IllegalArgumentException("the rotary embedding needs an even head size, not " + hiddenSize / heads);
        }
    }

    /** A model of any family but modernbert (whose {@link ModernBertSettings} this leaves out). */
    public BertConfig(int vocabSize, int hiddenSize, int layers, int heads, int intermediateSize, int maxPositions,
            int typeVocabSize, double layerNormEps, ModelFamily family, int embeddingSize, int positionOffset,
            RelativeAttention relative) {
        this(vocabSize, hiddenSize, layers, heads, intermediateSize, maxPositions, typeVocabSize, layerNormEps, family,
                embeddingSize, positionOffset, relative, null);
    }

    /**
     * A ModernBERT: no token types, positions by rotary embeddings up to {@code maxPositions} tokens, the
     * embeddings as wide as the layers.
     */
    public static BertConfig modernBert(int vocabSize, int hiddenSize, int layers, int heads, int intermediateSize,
            int maxPositions, double normEps, ModernBertSettings settings) {
        return new BertConfig(vocabSize, hiddenSize, layers, heads, intermediateSize, maxPositions, 0, normEps,
                ModelFamily.MODERNBERT, hiddenSize, 0, null, settings);
    }

    /**
     * A model of a family without relative attention (every family but deberta-v2 and modernbert).
     *
     * @throws IllegalArgumentException for deberta-v2, which needs its {@link RelativeAttention}
     */
    public BertConfig(int vocabSize, int hiddenSize, int layers, int heads, int intermediateSize, int maxPositions,
            int typeVocabSize, double layerNormEps, ModelFamily family, int embeddingSize, int positionOffset) {
        this(vocabSize, hiddenSize, layers, heads, intermediateSize, maxPositions, typeVocabSize, layerNormEps, family,
                embeddingSize, positionOffset, null);
    }

    /** A BERT: embeddings as wide as the layers, positions from row 0. */
    public BertConfig(int vocabSize, int hiddenSize, int layers, int heads, int intermediateSize, int maxPositions,
            int typeVocabSize, double layerNormEps) {
        this(vocabSize, hiddenSize, layers, heads, intermediateSize, maxPositions, typeVocabSize, layerNormEps,
                ModelFamily.BERT, hiddenSize, 0);
    }

    /** Width of one attention head. */
    public int headSize() {
        return hiddenSize / heads;
    }

    /** The longest input in tokens: the position rows from {@link #positionOffset} on. */
    public int maxLength() {
        return maxPositions - positionOffset;
    }

    /**
     * Whether the embeddings are projected to the hidden width (ELECTRA's {@code embeddings_project},
     * DeBERTa's {@code embed_proj}).
     */
    public boolean projectsEmbeddings() {
        return embeddingSize != hiddenSize;
    }

    /** Whether the model adds token type (segment) embeddings: its family has them and the table has rows. */
    public boolean hasTokenTypes() {
        return family.tokenTypes() && typeVocabSize > 0;
    }

    /**
     * Whether the model adds absolute position embeddings: all but a DeBERTa without {@code
     * position_biased_input} and a ModernBERT (rotary positions).
     */
    public boolean hasPositionEmbeddings() {
        return modern == null && (relative == null || relative.positionBiasedInput());
    }

    /**
     * Reads a Hugging Face {@code config.json} of a family debias runs ({@link ModelFamily#supported}).
     *
     * @throws InvalidInputException naming the file and the field that is missing or not supported
     */
    public static BertConfig read(Path configJson) throws IOException {
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(configJson.toFile());
        } catch (JacksonException e) {
            throw new InvalidInputException(configJson + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        String type = n.path("model_type").asText("bert");
        ModelFamily family = ModelFamily.of(type);
        if (family == null) {
            throw new InvalidInputException(configJson + ": model_type is '" + type + "'; debias runs "
                    + ModelFamily.supported());
        }
        if (family == ModelFamily.MODERNBERT) {
            return readModernBert(n, configJson);
        }
        String act = n.path(family == ModelFamily.DISTILBERT ? "activation" : "hidden_act").asText("gelu");
        if (!act.equals("gelu")) {
            throw new InvalidInputException(configJson + ": activation '" + act + "' is not supported (gelu only)");
        }
        try {
            if (family == ModelFamily.DISTILBERT) {
                if (n.path("sinusoidal_pos_embds").asBoolean(false)) {
                    throw new InvalidInputException(configJson + ": sinusoidal_pos_embds is not supported "
                            + "(learned position embeddings only)");
                }
                int dim = require(n, "dim", configJson);
                return new BertConfig(require(n, "vocab_size", configJson), dim, require(n, "n_layers", configJson),
                        require(n, "n_heads", configJson), require(n, "hidden_dim", configJson),
                        require(n, "max_position_embeddings", configJson), 0, 1e-12, family, dim, 0);
            }
            int hidden = require(n, "hidden_size", configJson);
            if (family == ModelFamily.DEBERTA_V2) {
                int heads = require(n, "num_attention_heads", configJson);
                return new BertConfig(require(n, "vocab_size", configJson), hidden,
                        require(n, "num_hidden_layers", configJson), heads, require(n, "intermediate_size", configJson),
                        n.path("max_position_embeddings").asInt(512), n.path("type_vocab_size").asInt(0),
                        n.path("layer_norm_eps").asDouble(1e-7), family, n.path("embedding_size").asInt(hidden), 0,
                        RelativeAttention.read(n, configJson, hidden, heads));
            }
            int offset = family.offsetPositions() ? n.path("pad_token_id").asInt(1) + 1 : 0;
            return new BertConfig(require(n, "vocab_size", configJson), hidden,
                    require(n, "num_hidden_layers", configJson), require(n, "num_attention_heads", configJson),
                    require(n, "intermediate_size", configJson), require(n, "max_position_embeddings", configJson),
                    n.path("type_vocab_size").asInt(2), n.path("layer_norm_eps").asDouble(1e-12), family,
                    family == ModelFamily.ELECTRA ? n.path("embedding_size").asInt(hidden) : hidden, offset);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(configJson + ": " + e.getMessage());
        }
    }

    private static BertConfig readModernBert(JsonNode n, Path configJson) {
        ModernBertSettings settings = ModernBertSettings.read(n, configJson);
        try {
            return modernBert(require(n, "vocab_size", configJson), require(n, "hidden_size", configJson),
                    require(n, "num_hidden_layers", configJson), require(n, "num_attention_heads", configJson),
                    require(n, "intermediate_size", configJson), n.path("max_position_embeddings").asInt(8192),
                    n.path("norm_eps").asDouble(1e-5), settings);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(configJson + ": " + e.getMessage());
        }
    }

    private static int require(JsonNode n, String field, Path file) {
        if (!n.path(field).isIntegralNumber()) {
            throw new InvalidInputException(file + ": missing '" + field + "' (an integer)");
        }
        return n.get(field).asInt();
    }

    /** The {@code config.json} form, in the family's own keys, so that {@link #read} gives this back. */
    public String toJson() {
        return "{\n" + body() + "\n}\n";
    }

    /** The fields of {@link #toJson()} without the braces, one per line, for writers that add their own. */
    public String body() {
        if (family == ModelFamily.DISTILBERT) {
            return String.format(Locale.ROOT, "  \"model_type\": \"distilbert\",\n  \"activation\": \"gelu\",\n"
                    + "  \"vocab_size\": %d,\n  \"dim\": %d,\n  \"n_layers\": %d,\n  \"n_heads\": %d,\n"
                    + "  \"hidden_dim\": %d,\n  \"max_position_embeddings\": %d,\n  \"sinusoidal_pos_embds\": false,\n"
                    + "  \"pad_token_id\": 0", vocabSize, hiddenSize, layers, heads, intermediateSize, maxPositions);
        }
        if (modern != null) {
            return String.format(Locale.ROOT, "  \"model_type\": \"modernbert\",\n  \"hidden_activation\": \"gelu\",\n"
                    + "  \"vocab_size\": %d,\n  \"hidden_size\": %d,\n  \"num_hidden_layers\": %d,\n"
                    + "  \"num_attention_heads\": %d,\n  \"intermediate_size\": %d,\n  \"max_position_embeddings\": %d,\n"
                    + "  \"norm_eps\": %s%s", vocabSize, hiddenSize, layers, heads, intermediateSize, maxPositions,
                    Double.toString(layerNormEps), modern.body());
        }
        String extra = "";
        if (family == ModelFamily.ELECTRA) {
            extra = String.format(Locale.ROOT, ",\n  \"embedding_size\": %d", embeddingSize);
        } else if (relative != null) {
            extra = String.format(Locale.ROOT, ",\n  \"embedding_size\": %d", embeddingSize) + relative.body(hiddenSize);
        } else if (family.offsetPositions()) {
            extra = String.format(Locale.ROOT, ",\n  \"pad_token_id\": %d", positionOffset - 1);
        }
        return String.format(Locale.ROOT, "  \"model_type\": \"%s\",\n  \"hidden_act\": \"gelu\",\n"
                + "  \"vocab_size\": %d,\n  \"hidden_size\": %d,\n  \"num_hidden_layers\": %d,\n"
                + "  \"num_attention_heads\": %d,\n  \"intermediate_size\": %d,\n  \"max_position_embeddings\": %d,\n"
                + "  \"type_vocab_size\": %d,\n  \"layer_norm_eps\": %s%s", family.modelType(), vocabSize, hiddenSize,
                layers, heads, intermediateSize, maxPositions, typeVocabSize, Double.toString(layerNormEps), extra);
    }
}
