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

    /** answerdotai/ModernBERT-base's config.json (the keys that matter, and a few that do not). */
    private static final String MODERNBERT_BASE = """
            {"architectures": ["ModernBertForMaskedLM"], "attention_bias": false, "attention_dropout": 0.0,
             "bos_token_id": 50281, "classifier_activation": "gelu", "classifier_bias": false,
             "classifier_dropout": 0.0, "classifier_pooling": "mean", "cls_token_id": 50281, "decoder_bias": true,
             "deterministic_flash_attn": false, "embedding_dropout": 0.0, "eos_token_id": 50282,
             "global_attn_every_n_layers": 3, "global_rope_theta": 160000.0, "gradient_checkpointing": false,
             "hidden_activation": "gelu", "hidden_size": 768, "initializer_cutoff_factor": 2.0,
             "initializer_range": 0.02, "intermediate_size": 1152, "layer_norm_eps": 1e-05, "local_attention": 128,
             "local_rope_theta": 10000.0, "max_position_embeddings": 8192, "mlp_bias": false, "mlp_dropout": 0.0,
             "model_type": "modernbert", "norm_bias": false, "norm_eps": 1e-05, "num_attention_heads": 12,
             "num_hidden_layers": 22, "pad_token_id": 50283, "position_embedding_type": "absolute",
             "sep_token_id": 50282, "vocab_size": 50368}""";

    @Test
    void modernBertReadsItsRotaryAndWindowSettingsAndWritesThemBack() throws Exception {
        BertConfig c = read(MODERNBERT_BASE);
        assertEquals(ModelFamily.MODERNBERT, c.family());
        assertEquals(BertConfig.modernBert(50368, 768, 22, 12, 1152, 8192, 1e-5, ModernBertSettings.BASE), c);
        assertFalse(c.hasTokenTypes());
        assertFalse(c.hasPositionEmbeddings());
        assertEquals(8192, c.maxLength());
        ModernBertSettings s = c.modern();
        assertTrue(s.isGlobal(0) && !s.isGlobal(1) && !s.isGlobal(2) && s.isGlobal(3));
        assertEquals(160000.0, s.theta(3));
        assertEquals(10000.0, s.theta(4));
        assertEquals(64, s.halfWindow());
        assertEquals(c, read(c.toJson()));
        // HF's defaults for absent keys; local_rope_theta null means the global base everywhere
        BertConfig tiny = read("""
                {"model_type": "modernbert", "hidden_size": 32, "num_hidden_layers": 3, "num_attention_heads": 4,
                 "intermediate_size": 48, "vocab_size": 99, "local_rope_theta": null, "norm_bias": true}""");
        assertEquals(new ModernBertSettings(160000.0, 160000.0, 128, 3, true, false, false, false, true, 50283),
                tiny.modern());
        assertEquals(8192, tiny.maxPositions());
        assertEquals(1e-5, tiny.layerNormEps());
        assertEquals(tiny, read(tiny.toJson()));
        for (String[] bad : new String[][] {
            {"\"hidden_activation\": \"gelu\"", "\"hidden_activation\": \"silu\"", "hidden_activation 'silu' is not supported"},
            {"\"classifier_activation\": \"gelu\"", "\"classifier_activation\": \"gelu_pytorch_tanh\"",
                "classifier_activation 'gelu_pytorch_tanh' is not supported"},
            {"\"classifier_pooling\": \"mean\"", "\"classifier_pooling\": \"max\"", "classifier_pooling 'max'"},
            {"\"num_attention_heads\": 12", "\"num_attention_heads\": 256", "even head size"}}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> read(MODERNBERT_BASE.replace(bad[0], bad[1])), bad[1]);
            assertTrue(e.getMessage().contains(bad[2]), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new BertConfig(10, 8, 1, 2, 16, 8, 0, 1e-5,
                ModelFamily.MODERNBERT, 8, 0), "modernbert without its settings");
    }

    @Test
    void anUnsupportedFamilyOrActivationSaysWhatIsSupported() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> read("{\"model_type\": \"nomic_bert\"}"));
        assertTrue(e.getMessage().endsWith("config.json: model_type is 'nomic_bert'; debias runs bert, roberta, "
                + "xlm-roberta, distilbert, electra, deberta-v2, modernbert"), e.getMessage());
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
        ModelFamily mb = ModelFamily.MODERNBERT;
        assertEquals("model.embeddings.tok_embeddings.weight", mb.huggingFaceName("embeddings.tok_embeddings.weight"));
        assertEquals("model.layers.1.attn.Wqkv.weight", mb.huggingFaceName("encoder.layer.1.attn.Wqkv.weight"));
        assertEquals("model.layers.0.mlp.Wi.weight", mb.huggingFaceName("encoder.layer.0.mlp.Wi.weight"));
        assertEquals("model.final_norm.weight", mb.huggingFaceName("encoder.final_norm.weight"));
        assertEquals("head.dense.weight", mb.huggingFaceName("pooler.dense.weight"));
        assertEquals("head.norm.bias", mb.huggingFaceName("pooler.norm.bias"));
        assertEquals("classifier.weight", mb.huggingFaceName("classifier.weight"));
        assertEquals(List.of("encoder.layer.2.mlp_norm.weight", "layers.2.mlp_norm.weight",
                "model.layers.2.mlp_norm.weight"), mb.candidates("encoder.layer.2.mlp_norm.weight"));
        assertTrue(mb.headReads(Pooling.MEAN) && !ModelFamily.BERT.headReads(Pooling.MEAN));
        assertTrue(BertClassifier.isEncoderLinearWeight("encoder.layer.1.attn.Wqkv.weight"));
        assertTrue(BertClassifier.isEncoderLinearWeight("encoder.layer.1.mlp.Wo.weight"));
        assertFalse(BertClassifier.isEncoderLinearWeight("encoder.layer.1.attn_norm.weight"));
        assertFalse(BertClassifier.isEncoderLinearWeight("encoder.layer.1.mlp_norm.weight"));
        assertFalse(BertClassifier.isEncoderLinearWeight("encoder.final_norm.weight"));
        assertEquals(ModelFamily.DEBERTA_V2, ModelFamily.of("deberta_v2"));
        assertNull(ModelFamily.of("t5"));
        assertEquals(ModelFamily.XLM_ROBERTA, ModelFamily.of("xlm_roberta"));
    }
}
