package dev.debias.finetune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void anUnsupportedFamilyOrActivationSaysWhatIsSupported() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> read("{\"model_type\": \"deberta-v2\"}"));
        assertTrue(e.getMessage().endsWith("config.json: model_type is 'deberta-v2'; debias runs bert, roberta, "
                + "xlm-roberta, distilbert, electra (deberta-v2 and modernbert are not supported yet)"), e.getMessage());
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
        assertNull(ModelFamily.of("t5"));
        assertEquals(ModelFamily.XLM_ROBERTA, ModelFamily.of("xlm_roberta"));
    }
}
