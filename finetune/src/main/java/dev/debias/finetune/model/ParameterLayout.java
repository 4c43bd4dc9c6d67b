package dev.debias.finetune.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical names and shapes of a {@link BertClassifier}'s parameters, in the block's order. A DeBERTa
 * has its position table only with {@code position_biased_input}, token types only when
 * {@code type_vocab_size} is above 0, {@code embeddings.embed_proj} (no bias) and a LayerNorm of the hidden
 * width after it, the relative table {@code encoder.rel_embeddings} with its {@code encoder.LayerNorm}, and
 * per layer {@code pos_key_proj}/{@code pos_query_proj} when it does not share attention keys.
 */
final class ParameterLayout {
    private ParameterLayout() {}

    /** Every parameter of an encoder of {@code config} with the given head, by canonical name, in order. */
    static Map<String, long[]> of(BertConfig config, int labels, boolean pooler) {
        if (config.modern() != null) {
            return ModernBertLayers.layout(config, labels, pooler);
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        int h = config.hiddenSize();
        int e = config.embeddingSize();
        int inter = config.intermediateSize();
        RelativeAttention rel = config.relative();
        out.put("embeddings.word_embeddings.weight", new long[] {config.vocabSize(), e});
        if (config.hasPositionEmbeddings()) {
            out.put("embeddings.position_embeddings.weight", new long[] {config.maxPositions(), e});
        }
        if (config.hasTokenTypes()) {
            out.put("embeddings.token_type_embeddings.weight", new long[] {config.typeVocabSize(), e});
        }
        if (rel != null) {
            if (config.projectsEmbeddings()) {
                out.put("embeddings.embed_proj.weight", new long[] {h, e});
            }
            out.put("embeddings.LayerNorm.weight", new long[] {h});
            out.put("embeddings.LayerNorm.bias", new long[] {h});
            out.put("encoder.rel_embeddings.weight", new long[] {2L * rel.span(config.maxPositions()), h});
            if (rel.normalize()) {
                out.put("encoder.LayerNorm.weight", new long[] {h});
                out.put("encoder.LayerNorm.bias", new long[] {h});
            }
        } else {
            out.put("embeddings.LayerNorm.weight", new long[] {e});
            out.put("embeddings.LayerNorm.bias", new long[] {e});
            if (config.projectsEmbeddings()) {
                out.put("embeddings_project.weight", new long[] {h, e});
                out.put("embeddings_project.bias", new long[] {h});
            }
        }
        for (int l = 0; l < config.layers(); l++) {
            String p = "encoder.layer." + l + ".";
            for (String qkv : List.of("query", "key", "value")) {
                out.put(p + "attention.self." + qkv + ".weight", new long[] {h, h});
                out.put(p + "attention.self." + qkv + ".bias", new long[] {h});
            }
            if (rel != null && !rel.shareKeys()) {
                for (String pos : positionProjections(rel)) {
                    out.put(p + "attention.self." + pos + ".weight", new long[] {h, h});
                    out.put(p + "attention.self." + pos + ".bias", new long[] {h});
                }
            }
            out.put(p + "attention.output.dense.weight", new long[] {h, h});
            out.put(p + "attention.output.dense.bias", new long[] {h});
            out.put(p + "attention.output.LayerNorm.weight", new long[] {h});
            out.put(p + "attention.output.LayerNorm.bias", new long[] {h});
            out.put(p + "intermediate.dense.weight", new long[] {inter, h});
            out.put(p + "intermediate.dense.bias", new long[] {inter});
            out.put(p + "output.dense.weight", new long[] {h, inter});
            out.put(p + "output.dense.bias", new long[] {h});
            out.put(p + "output.LayerNorm.weight", new long[] {h});
            out.put(p + "output.LayerNorm.bias", new long[] {h});
        }
        if (pooler) {
            out.put("pooler.dense.weight", new long[] {h, h});
            out.put("pooler.dense.bias", new long[] {h});
        }
        if (labels > 0) {
            out.put("classifier.weight", new long[] {labels, h});
            out.put("classifier.bias", new long[] {labels});
        }
        return out;
    }

    /** A DeBERTa layer's own projections of the relative table when it does not share keys: c2p's, p2c's. */
    static List<String> positionProjections(RelativeAttention rel) {
        List<String> out = new java.util.ArrayList<>();
        if (rel.contentToPosition()) {
            out.add("pos_key_proj");
        }
        if (rel.positionToContent()) {
            out.add("pos_query_proj");
        }
        return out;
    }
}
