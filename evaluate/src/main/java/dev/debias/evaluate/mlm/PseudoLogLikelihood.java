package dev.debias.evaluate.mlm;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.core.InvalidInputException;
import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.MaskedLmHead;
import dev.debias.finetune.model.NativeArrays;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.train.FineTuner;
import dev.debias.finetune.train.InferenceSession;
import dev.debias.finetune.train.SentenceEncoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The pseudo-log-likelihood of a sentence under a masked language model (Salazar et al., 2020): each
 * scored token is replaced by the mask token in turn, and the natural-log probabilities the model gives
 * the true token at that place are summed. By default every token but the special ones ([CLS], [SEP])
 * is scored; a {@link Query} may name the positions to score instead. Every masked copy of every queried
 * sentence is one row, and rows run through the model together, at most {@code batchRows} per forward
 * pass; a row's score does not depend on the rows it shares a pass with (padding is masked). Close it
 * when done; not thread-safe.
 */
public final class PseudoLogLikelihood implements AutoCloseable {
    /** Masked copies per forward pass when the caller does not say. */
    public static final int DEFAULT_BATCH_ROWS = 64;

    /** A tokenized sentence: word-piece ids, and which of them are special tokens. */
    public record Tokens(long[] ids, boolean[] special) {}

    /** A sentence's ids and the positions (ascending, none special) whose tokens are masked and scored. */
    public record Query(long[] ids, int[] positions) {
        public Query {
            for (int p : positions) {
                if (p < 0 || p >= ids.length) {
                    throw new IllegalArgumentException("position " + p + " is outside the " + ids.length + " tokens");
                }
            }
        }

        /** Every non-special token of {@code tokens}. */
        public static Query allOf(Tokens tokens) {
            int[] p = new int[tokens.ids().length];
            int n = 0;
            for (int i = 0; i < p.length; i++) {
                if (!tokens.special()[i]) {
                    p[n++] = i;
                }
            }
            return new Query(tokens.ids(), Arrays.copyOf(p, n));
        }
    }

    private final SentenceEncoder encoder;
    private final InferenceSession session;
    private final MaskedLmHead head;
    private final HuggingFaceTokenizer tokenizer;
    private final long maskId;
    private final long padId;
    private final int batchRows;
    private final int maxLength;

    private PseudoLogLikelihood(SentenceEncoder encoder, MaskedLmHead head, HuggingFaceTokenizer tokenizer, long maskId,
            long padId, int batchRows) {
        this.encoder = encoder;
        this.session = encoder.session();
        this.head = head;
        this.tokenizer = tokenizer;
        this.maskId = maskId;
        this.padId = padId;
        this.batchRows = batchRows;
        this.maxLength = encoder.model().config().maxLength();
    }

    /**
     * Loads the model named by {@code spec} (anything {@link PretrainedModel#load} accepts) with its
     * masked-LM head.
     *
     * @throws InvalidInputException when the model has no masked-LM head, its tokenizer has no mask
     *     token, or a file is missing or broken
     * @throws IllegalArgumentException when {@code batchRows} is below 1
     */
    public static PseudoLogLikelihood load(String spec, int batchRows) throws IOException {
        return of(PretrainedModel.load(spec), batchRows);
    }

    /** As {@link #load}, for a model already read. */
    public static PseudoLogLikelihood of(PretrainedModel model, int batchRows) throws IOException {
        if (batchRows < 1) {
            throw new IllegalArgumentException("batch rows must be at least 1, got " + batchRows);
        }
        MaskedLmHead.requirePresent(model.weights(), model.source());
        long[] special = specialIds(model);
        SentenceEncoder encoder = SentenceEncoder.of(model, Pooling.MEAN, model.config().maxPositions());
        try {
            MaskedLmHead head = MaskedLmHead.load(encoder.session().manager(), model.weights(), model.config(),
                    model.source());
            encoder.session().keep().addAll(head.arrays());
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(model.tokenizerJson()),
                    Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "true"));
            return new PseudoLogLikelihood(encoder, head, tokenizer, special[0], special[1], batchRows);
        } catch (IOException | RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    /** The mask and padding ids of the model's tokenizer ([MASK]/[PAD] or &lt;mask&gt;/&lt;pad&gt;). */
    private static long[] specialIds(PretrainedModel model) throws IOException {
        JsonNode root = new ObjectMapper().readTree(model.tokenizerJson());
        long mask = -1;
        long pad = 0;
        for (JsonNode t : root.path("added_tokens")) {
            String c = t.path("content").asText();
            if (c.equals("[MASK]") || c.equals("<mask>")) {
                mask = t.path("id").asLong();
            } else if (c.equals("[PAD]") || c.equals("<pad>")) {
                pad = t.path("id").asLong();
            }
        }
        if (mask < 0) {
            throw new InvalidInputException(model.source() + ": tokenizer.json has no mask token ([MASK] or <mask>) "
                    + "among its added_tokens");
        }
        return new long[] {mask, pad};
    }

    /** The longest sentence in tokens the model takes. */
    public int maxLength() {
        return maxLength;
    }

    /** The word-piece ids of {@code text} with special tokens, and which are special. */
    public Tokens tokenize(String text) {
        Encoding e = tokenizer.encode(text);
        long[] ids = e.getIds();
        long[] specialMask = e.getSpecialTokenMask();
        boolean[] special = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            special[i] = specialMask[i] != 0;
        }
        return new Tokens(ids, special);
    }

    /** The PLL of {@code text}: every non-special token masked in turn. */
    public double score(String text) {
        return score(List.of(Query.allOf(tokenize(text))))[0];
    }

    /**
     * The PLL of each query, in order: the sum over its positions of the log-probability of the true
     * token with that one position masked; 0 for a query without positions.
     *
     * @throws InvalidInputException when a sentence is longer than the model's position table
     */
    public double[] score(List<Query> queries) {
        double[] out = new double[queries.size()];
        List<int[]> rows = new ArrayList<>(); // {query, position}
        for (int q = 0; q < queries.size(); q++) {
            if (queries.get(q).ids().length > maxLength) {
                throw new InvalidInputException("a sentence of " + queries.get(q).ids().length + " tokens is longer "
                        + "than the model takes (" + maxLength + ")");
            }
            for (int p : queries.get(q).positions()) {
                rows.add(new int[] {q, p});
            }
        }
        for (int from = 0; from < rows.size(); from += batchRows) {
            List<int[]> chunk = rows.subList(from, Math.min(rows.size(), from + batchRows));
            float[] logProbs = trueTokenLogProbs(queries, chunk);
            for (int i = 0; i < chunk.size(); i++) {
                out[chunk.get(i)[0]] += logProbs[i];
            }
        }
        return out;
    }

    /** One forward pass over the masked copies in {@code chunk}: the log-probability of each true token. */
    private float[] trueTokenLogProbs(List<Query> queries, List<int[]> chunk) {
        int length = 0;
        for (int[] r : chunk) {
            length = Math.max(length, queries.get(r[0]).ids().length);
        }
        int n = chunk.size();
        long[] ids = new long[n * length];
        long[] attention = new long[n * length];
        long[] at = new long[n];
        long[] truth = new long[n];
        Arrays.fill(ids, padId);
        for (int i = 0; i < n; i++) {
            long[] q = queries.get(chunk.get(i)[0]).ids();
            int p = chunk.get(i)[1];
            System.arraycopy(q, 0, ids, i * length, q.length);
            Arrays.fill(attention, i * length, i * length + q.length, 1L);
            ids[i * length + p] = maskId;
            at[i] = (long) i * length + p;
            truth[i] = q[p];
        }
        float[] result = new float[n];
        NDManager base = session.manager();
        try (NDManager s = base.newSubManager()) {
            NDList in = new NDList(NativeArrays.of(s, ids, new Shape(n, length)),
                    NativeArrays.of(s, attention, new Shape(n, length)));
            NDList outputs = session.model().forward(session.store(), in, false);
            NDArray states = outputs.get(outputs.size() - 1);
            long hidden = states.getShape().get(2);
            NDArray masked = states.reshape(n * (long) length, hidden).get(NativeArrays.of(s, at));
            NDArray logSoftmax = head.logits(masked).logSoftmax(1);
            long vocab = logSoftmax.getShape().get(1);
            float[] v = logSoftmax.toFloatArray();
            for (int i = 0; i < n; i++) {
                result[i] = v[(int) (i * vocab + truth[i])];
            }
        }
        FineTuner.cleanUp(base, session.keep());
        return result;
    }

    /** The mask token's id. */
    public long maskId() {
        return maskId;
    }

    /** Where the model came from. */
    public String source() {
        return encoder.source();
    }

    @Override
    public void close() {
        tokenizer.close();
        encoder.close();
    }
}
