package dev.debias.finetune.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.debias.core.InvalidInputException;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.train.TextEncoder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code builtin:minilm} loaded from its ONNX export into {@link BertClassifier} computes what ONNX
 * Runtime computes on the same file: mean-pooled embeddings within 1e-4, alone and in a padded batch.
 */
class OnnxParityTest {
    private static final List<String> SENTENCES = List.of(
            "She works as a nurse in a large hospital.",
            "He is a software engineer.",
            "The surgeon operated for eleven hours before the patient was stable again, and then went home.",
            "Photography is her passion; she has exhibited in Paris, Berlin and New York.",
            "ok",
            "A teacher of mathematics at a public school in rural Ohio who also coaches the debate team.");

    private static byte[] onnx;
    private static PretrainedModel pre;
    private static NDManager manager;
    private static BertClassifier model;
    private static List<String> fresh;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = OnnxParityTest.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            onnx = in.readAllBytes();
        }
        pre = PretrainedModel.load(PretrainedModel.MINILM);
        manager = NDManager.newBaseManager(Device.cpu());
        model = new BertClassifier(pre.config(), 0, Pooling.MEAN, 0f);
        fresh = model.load(manager, pre.weights(), 0);
    }

    @AfterAll
    static void close() {
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void theConfigurationIsReadFromTheGraph() {
        BertConfig c = pre.config();
        assertEquals(6, c.layers());
        assertEquals(384, c.hiddenSize());
        assertEquals(12, c.heads());
        assertEquals(1536, c.intermediateSize());
        assertEquals(30522, c.vocabSize());
        assertEquals(512, c.maxPositions());
        assertEquals(2, c.typeVocabSize());
        assertEquals(PretrainedModel.MINILM, pre.source());
        assertEquals(64, pre.sha256().length());
    }

    @Test
    void everyEncoderParameterComesFromTheFile() throws Exception {
        assertEquals(List.of(), fresh, "no parameter initialized fresh");
        for (String name : model.parameterNames()) {
            assertTrue(pre.weights().get(name) != null, name);
        }
        // an unnamed ONNX MatMul weight, transposed to (out, in): compare with the raw initializer
        OnnxGraph g = OnnxGraph.parse(onnx);
        OnnxGraph.Node matmul = g.nodes().stream()
                .filter(n -> n.opType().equals("MatMul") && g.initializers().containsKey(n.inputs().get(1))
                        && !n.inputs().get(1).startsWith("encoder."))
                .findFirst().orElseThrow();
        OnnxGraph.Tensor raw = g.initializers().get(matmul.inputs().get(1));
        assertEquals(384, raw.dims()[0], "ONNX keeps (in, out)");
        float[] hf = pre.weights().get("encoder.layer.0.attention.self.query.weight").data();
        // first MatMul in the graph is layer 0's query: hf[out][in] == raw[in][out]
        for (int out = 0; out < 5; out++) {
            for (int in = 0; in < 5; in++) {
                assertEquals(raw.data()[in * 384 + out], hf[out * 384 + in]);
            }
        }
    }

    @Test
    void theTokenizersOwnPaddingAndTruncationAreOff() throws Exception {
        // the embedded tokenizer.json asks for padding to 128 and truncation at 128; TextEncoder must do neither
        try (TextEncoder enc = new TextEncoder(pre.tokenizerJson(), 512)) {
            long[] ok = enc.encode("ok")[0];
            assertEquals(3, ok.length, java.util.Arrays.toString(ok));
            assertEquals(101, ok[0]);
            assertEquals(102, ok[2]);
            long[] ids = enc.encode("word ".repeat(200))[0];
            assertEquals(202, ids.length, "not cut at the file's 128");
            assertEquals(0, enc.truncated());
        }
        try (TextEncoder enc = new TextEncoder(pre.tokenizerJson(), 48)) {
            long[] ids = enc.encode("word ".repeat(200))[0];
            assertEquals(48, ids.length);
            assertEquals(102, ids[47]);
            assertEquals(1, enc.truncated());
        }
    }

    /** Mean-pooled vectors of {@code texts}, one padded batch, through DJL and through ONNX Runtime. */
    private static float[][][] both(List<String> texts) throws Exception {
        List<long[]> ids = new ArrayList<>();
        try (TextEncoder enc = new TextEncoder(pre.tokenizerJson(), 128)) {
            for (String t : texts) {
                ids.add(enc.encode(t)[0]);
            }
        }
        int len = ids.stream().mapToInt(a -> a.length).max().orElseThrow();
        int n = texts.size();
        long[][] idsP = new long[n][len];
        long[][] maskP = new long[n][len];
        long[][] typesP = new long[n][len];
        for (int i = 0; i < n; i++) {
            System.arraycopy(ids.get(i), 0, idsP[i], 0, ids.get(i).length);
            java.util.Arrays.fill(maskP[i], 0, ids.get(i).length, 1L);
        }
        float[][] djl = new float[n][];
        try (NDManager s = manager.newSubManager()) {
            Shape shape = new Shape(n, len);
            NDList in = new NDList(s.create(flat(idsP), shape), s.create(flat(maskP), shape), s.create(flat(typesP), shape));
            float[] pooled = model.forward(new ParameterStore(manager, false), in, false).get(0).toFloatArray();
            for (int i = 0; i < n; i++) {
                djl[i] = java.util.Arrays.copyOfRange(pooled, i * 384, (i + 1) * 384);
            }
        }
        float[][] ort = new float[n][384];
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            for (String name : session.getInputNames()) {
                long[][] v = switch (name) {
                    case "input_ids" -> idsP;
                    case "attention_mask" -> maskP;
                    case "token_type_ids" -> typesP;
                    default -> throw new AssertionError("unexpected ONNX input " + name);
                };
                inputs.put(name, OnnxTensor.createTensor(env, v));
            }
            try (OrtSession.Result r = session.run(inputs)) {
                float[][][] hidden = (float[][][]) r.get(0).getValue();
                for (int i = 0; i < n; i++) {
                    int count = 0;
                    for (int t = 0; t < len; t++) {
                        if (maskP[i][t] == 1) {
                            count++;
                            for (int d = 0; d < 384; d++) {
                                ort[i][d] += hidden[i][t][d];
                            }
                        }
                    }
                    for (int d = 0; d < 384; d++) {
                        ort[i][d] /= count;
                    }
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
        return new float[][][] {djl, ort};
    }

    private static long[] flat(long[][] a) {
        return java.util.Arrays.stream(a).flatMapToLong(java.util.Arrays::stream).toArray();
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    @Test
    void meanPooledEmbeddingsMatchOnnxRuntimeInAPaddedBatch() throws Exception {
        float[][][] r = both(SENTENCES.subList(0, 4));
        for (int i = 0; i < 4; i++) {
            double d = maxAbsDiff(r[0][i], r[1][i]);
            assertTrue(d < 1e-4, "sentence " + i + " differs by " + d);
        }
        // the embeddings are real: distinct sentences are far apart, the magnitude is not tiny
        assertTrue(maxAbsDiff(r[1][0], r[1][1]) > 0.05);
    }

    @Test
    void meanPooledEmbeddingsMatchOnnxRuntimeOneByOneAndAcrossBatches() throws Exception {
        float[][][] batch = both(SENTENCES);
        for (int i = 0; i < SENTENCES.size(); i++) {
            float[][][] alone = both(List.of(SENTENCES.get(i)));
            double d = maxAbsDiff(alone[0][0], alone[1][0]);
            assertTrue(d < 1e-4, "sentence " + i + " alone differs from ONNX Runtime by " + d);
            double p = maxAbsDiff(alone[0][0], batch[0][i]);
            assertTrue(p < 1e-4, "sentence " + i + " alone vs padded differs by " + p);
            double q = maxAbsDiff(batch[0][i], batch[1][i]);
            assertTrue(q < 1e-4, "sentence " + i + " in the batch of 6 differs from ONNX Runtime by " + q);
        }
    }

    @Test
    void anOnnxFileWithItsTokenizerBesideItLoadsLikeTheBuiltin(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("minilm.onnx"), onnx);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PretrainedModel.load(file.toString()));
        assertTrue(e.getMessage().contains("tokenizer.json: missing"), e.getMessage());
        Files.write(dir.resolve("tokenizer.json"), pre.tokenizerJson());
        PretrainedModel p = PretrainedModel.load(file.toString());
        assertEquals(pre.config(), p.config());
        assertEquals(pre.sha256(), p.sha256());
        assertEquals(file.toString(), p.source());
        assertEquals(pre.weights().all().keySet(), p.weights().all().keySet());
        assertArrayEquals(pre.weights().get("encoder.layer.5.output.dense.weight").data(),
                p.weights().get("encoder.layer.5.output.dense.weight").data());
    }
}
