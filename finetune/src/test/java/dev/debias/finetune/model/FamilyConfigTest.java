package dev.debias.finetune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each family's config.json keys, and the tensor names of each family. */
class FamilyConfigTest {
    @TempDir
    Path dir;

    private BertConfig read(String json) throws Exception {
        return BertConfig.read(Files.writeString(dir.resolve("config.json"), json));
    }

    @Test
    void robertaCountsPositionsAfterItsPaddingIndex() throws Exception {
        BertConfig c = read("""
                {"model_type": "roberta", "vocab_size": 50265, "hidden_size": 768, "num_hidden_layers": 12,
                 "num_attention_heads": 12, "intermediate_size": 3072, "max_position_embeddings": 514,
                 "type_vocab_size": 1, "layer_norm_eps": 1e-05, "pad_token_id": 1, "hidden_act": "gelu"}""");
        assertEquals(ModelFamily.ROBERTA, c.family());
        assertEquals(2, c.positionOffset());   // padding index 1 + 1
        assertEquals(512, c.maxLength());      // 514 rows - 2
        assertEquals(1e-5, c.layerNormEps());
        assertEquals(c, read(c.toJson()));
        assertEquals(ModelFamily.XLM_ROBERTA, read(c.toJson().replace("\"roberta\"", "\"xlm-roberta\"")).family());
    }

    @Test
    void distilBertHasItsOwnKeysAndNoTokenTypes() throws Exception {
        BertConfig c = read("""
                {"model_type": "distilbert", "vocab_size": 30522, "dim": 768, "n_layers": 6, "n_heads": 12,
                 "hidden_dim": 3072, "max_position_embeddings": 512, "activation": "gelu",
                 "sinusoidal_pos_embds": false}""");
        assertEquals(new BertConfig(30522, 768, 6, 12, 3072, 512, 0, 1e-12, ModelFamily.DISTILBERT, 768, 0), c);
        assertEquals(c, read(c.toJson()));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> read(c.toJson().replace("\"sinusoidal_pos_embds\": false", "\"sinusoidal_pos_embds\": true")));
        assertTrue(e.getMessage().contains("sinusoidal_pos_embds is not supported"), e.getMessage());
    }

    @Test
    void electraMayHaveNarrowerEmbeddings() throws Exception {
        BertConfig c = read("""
                {"model_type": "electra", "vocab_size": 30522, "embedding_size": 128, "hidden_size": 256,
                 "num_hidden_layers": 12, "num_attention_heads": 4, "intermediate_size": 1024,
                 "max_position_embeddings": 512, "type_vocab_size": 2, "layer_norm_eps": 1e-12}""");
        assertEquals(128, c.embeddingSize());
        assertTrue(c.projectsEmbeddings());
        assertEquals(c, read(c.toJson()));
        assertThrows(IllegalArgumentException.class,
                () -> new BertConfig(10, 8, 1, 2, 16, 8, 2, 1e-12, ModelFamily.BERT, 4, 0));
    }

    /** microsoft/deberta-v3-base's config.json (the keys that matter). */
    private static final String DEBERTA_V3 = """
            {"model_type": "deberta-v2", "attention_probs_dropout_prob": 0.1, "hidden_act": "gelu",
             "hidden_dropout_prob": 0.1, "hidden_size": 768, "initializer_range": 0.02, "intermediate_size": 3072,
             "max_position_embeddings": 512, "relative_attention": true, "position_buckets": 256,
             "norm_rel_ebd": "layer_norm", "share_att_key": true, "pos_att_type": "p2c|c2p", "layer_norm_eps": 1e-7,
             "max_relative_positions": -1, "position_biased_input": false, "num_attention_heads": 12,
             "num_hidden_layers": 12, "type_vocab_size": 0, "vocab_size": 128100}""";

    @Test
    void debertaV3ReadsItsRelativeAttentionAndWritesItBack() throws Exception {
        BertConfig c = read(DEBERTA_V3);
        assertEquals(ModelFamily.DEBERTA_V2, c.family());
        assertEquals(RelativeAttention.V3, c.relative());
        assertEquals(new BertConfig(128100, 768, 12, 12, 3072, 512, 0, 1e-7, ModelFamily.DEBERTA_V2, 768, 0,
                RelativeAttention.V3), c);
        assertFalse(c.hasTokenTypes());
        assertFalse(c.hasPositionEmbeddings());
        assertEquals(256, c.relative().span(c.maxPositions()));
        assertEquals(512, c.relative().maxDistance(c.maxPositions()));
        assertEquals(3, c.relative().scaleFactor());
        assertEquals(c, read(c.toJson()));
        // a list for pos_att_type, HF's defaults for absent keys (no buckets, no LayerNorm, separate keys,
        // absolute positions, type_vocab_size 0), and a narrower embedding
        BertConfig v2 = read("""
                {"model_type": "deberta_v2", "hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4,
                 "intermediate_size": 37, "vocab_size": 99, "relative_attention": true, "pos_att_type": ["c2p"],
                 "embedding_size": 16, "max_position_embeddings": 40}""");
        assertEquals(new RelativeAttention(-1, -1, false, false, true, false, true), v2.relative());
        assertEquals(40, v2.relative().span(40));
        assertEquals(16, v2.embeddingSize());
        assertEquals(1e-7, v2.layerNormEps());
        assertTrue(v2.hasPositionEmbeddings());
        assertEquals(v2, read(v2.toJson()));
    }

    @Test
    void logBucketsAreTheNumpyReferencesBuckets() {
        RelativeAttention fixture = new RelativeAttention(32, 8, true, true, true, true, false);
        int[] expected = {-6, -6, -6, -6, -5, -5, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 5, 5, 6, 6, 6, 6};
        for (int r = -11; r <= 11; r++) {
            assertEquals(expected[r + 11], fixture.bucket(r, 40), "distance " + r);
        }
        int[][] v3 = {{127, 127}, {128, 128}, {129, 129}, {130, 130}, {200, 169}, {300, 207}, {511, 255}, {512, 256},
            {1000, 317}, {-129, -129}, {-511, -255}};
        for (int[] p : v3) {
            assertEquals(p[1], RelativeAttention.V3.bucket(p[0], 512), "v3 distance " + p[0]);
        }
        assertEquals(-9, new RelativeAttention(4, -1, false, true, true, true, true).bucket(-9, 40), "no buckets");
    }

    @Test
    void debertaSettingsDebiasDoesNotRunAreRefusedByName() {
        for (String[] c : new String[][] {
            {"\"conv_kernel_size\": 3,", "conv_kernel_size is 3"},
            {"\"relative_attention\": false,", "relative_attention is not true"},
            {"\"pos_att_type\": [\"p2p\"],", "pos_att_type entry 'p2p' is not supported"},
            {"\"pooler_hidden_size\": 64,", "pooler_hidden_size 64 differs from hidden_size 768"},
            {"\"pooler_hidden_act\": \"tanh\",", "pooler_hidden_act 'tanh' is not supported"},
            {"\"attention_head_size\": 32,", "attention_head_size 32 is not hidden_size / num_attention_heads"}}) {
            String json = c[0].startsWith("\"relative") || c[0].startsWith("\"pos_att")
                    ? DEBERTA_V3.replaceFirst(c[0].startsWith("\"relative") ? "\"relative_attention\": true,"
                            : "\"pos_att_type\": \"p2c\\|c2p\",", c[0])
                    : DEBERTA_V3.replace("{\"model_type\"", "{" + c[0] + " \"model_type\"");
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(json), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    @Test
    void anUnsupportedFamilyOrActivationSaysWhatIsSupported() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> read("{\"model_type\": \"modernbert\"}"));
        assertTrue(e.getMessage().endsWith("config.json: model_type is 'modernbert'; debias runs bert, roberta, "
                + "xlm-roberta, distilbert, electra, deberta-v2 (modernbert is not supported yet)"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> read("""
                {"model_type": "bert", "hidden_act": "relu", "vocab_size": 10}"""));
        assertTrue(e.getMessage().contains("activation 'relu' is not supported (gelu only)"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> read("{\"model_type\": \"bert\", \"vocab_size\": "));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void tensorNamesPerFamily() {
        assertEquals(List.of("encoder.layer.2.attention.self.query.weight", "bert.encoder.layer.2.attention.self.query.weight"),
                ModelFamily.BERT.candidates("encoder.layer.2.attention.self.query.weight"));
        assertEquals("distilbert.transformer.layer.2.attention.q_lin.weight",
                ModelFamily.DISTILBERT.huggingFaceName("encoder.layer.2.attention.self.query.weight"));
        assertEquals("distilbert.transformer.layer.0.sa_layer_norm.bias",
                ModelFamily.DISTILBERT.huggingFaceName("encoder.layer.0.attention.output.LayerNorm.bias"));
        assertEquals("distilbert.transformer.layer.0.ffn.lin2.weight",
                ModelFamily.DISTILBERT.huggingFaceName("encoder.layer.0.output.dense.weight"));
        assertEquals("distilbert.embeddings.LayerNorm.weight",
                ModelFamily.DISTILBERT.huggingFaceName("embeddings.LayerNorm.weight"));
        assertEquals("bert.pooler.dense.weight", ModelFamily.BERT.huggingFaceName("pooler.dense.weight"));
        assertEquals("classifier.weight", ModelFamily.BERT.huggingFaceName("classifier.weight"));
        assertEquals("classifier.dense.bias", ModelFamily.ROBERTA.huggingFaceName("pooler.dense.bias"));
        assertEquals("classifier.out_proj.weight", ModelFamily.XLM_ROBERTA.huggingFaceName("classifier.weight"));
        assertEquals("roberta.encoder.layer.0.output.dense.weight",
                ModelFamily.XLM_ROBERTA.huggingFaceName("encoder.layer.0.output.dense.weight"));
        assertEquals("pre_classifier.weight", ModelFamily.DISTILBERT.huggingFaceName("pooler.dense.weight"));
        assertEquals("electra.embeddings_project.weight", ModelFamily.ELECTRA.huggingFaceName("embeddings_project.weight"));
        assertNull(ModelFamily.ROBERTA.huggingFaceName(BertClassifier.HEAD_MASK));
        ModelFamily d = ModelFamily.DEBERTA_V2;
        assertEquals("deberta.encoder.layer.0.attention.self.query_proj.weight",
                d.huggingFaceName("encoder.layer.0.attention.self.query.weight"));
        assertEquals("deberta.encoder.layer.11.attention.self.value_proj.bias",
                d.huggingFaceName("encoder.layer.11.attention.self.value.bias"));
        assertEquals("deberta.encoder.layer.1.attention.self.pos_key_proj.weight",
                d.huggingFaceName("encoder.layer.1.attention.self.pos_key_proj.weight"));
        assertEquals("deberta.encoder.rel_embeddings.weight", d.huggingFaceName("encoder.rel_embeddings.weight"));
        assertEquals("deberta.embeddings.embed_proj.weight", d.huggingFaceName("embeddings.embed_proj.weight"));
        assertEquals("pooler.dense.weight", d.huggingFaceName("pooler.dense.weight"));
        assertEquals("classifier.bias", d.huggingFaceName("classifier.bias"));
        assertEquals(List.of("encoder.layer.0.attention.self.key.bias", "encoder.layer.0.attention.self.key_proj.bias",
                "deberta.encoder.layer.0.attention.self.key_proj.bias"),
                d.candidates("encoder.layer.0.attention.self.key.bias"));
        assertEquals(ModelFamily.DEBERTA_V2, ModelFamily.of("deberta_v2"));
        assertNull(ModelFamily.of("t5"));
        assertEquals(ModelFamily.XLM_ROBERTA, ModelFamily.of("xlm_roberta"));
    }
}
