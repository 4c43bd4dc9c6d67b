package dev.debias.finetune.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The canonical names and shapes of a {@link BertClassifier}'s parameters, in the block's order. */
final class ParameterLayout {
    private ParameterLayout() {}

    /** Every parameter of an encoder of {@code config} with the given head, by canonical name, in order. */
    static Map<String, long[]> of(BertConfig config, int labels, boolean pooler) {
        Map<String, long[]> out = new LinkedHashMap<>();
        int h = config.hiddenSize();
        int e = config.embeddingSize();
        int inter = config.intermediateSize();
        out.put("embeddings.word_embeddings.weight", new long[] {config.vocabSize(), e});
        out.put("embeddings.position_embeddings.weight", new long[] {config.maxPositions(), e});
        if (config.family().tokenTypes()) {
            out.put("embeddings.token_type_embeddings.weight", new long[] {config.typeVocabSize(), e});
        }
        out.put("embeddings.LayerNorm.weight", new long[] {e});
        out.put("embeddings.LayerNorm.bias", new long[] {e});
        if (config.projectsEmbeddings()) {
            out.put("embeddings_project.weight", new long[] {h, e});
            out.put("embeddings_project.bias", new long[] {h});
        }
        for (int l = 0; l < config.layers(); l++) {
            String p = "encoder.layer." + l + ".";
            for (String qkv : List.of("query", "key", "value")) {
                out.put(p + "attention.self." + qkv + ".weight", new long[] {h, h});
                out.put(p + "attention.self." + qkv + ".bias", new long[] {h});
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
}
