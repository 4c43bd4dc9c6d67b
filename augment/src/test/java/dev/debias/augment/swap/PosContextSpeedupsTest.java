package dev.debias.augment.swap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;

/**
 * The three things that make {@link PosContext} fast keep its decisions: the rule tokenizer splits as the
 * tokenizer model does, the tagger runs with a beam of 1, and remembered windows decide as fresh ones.
 * The hand-written sentences of the other swap tests check the decisions themselves.
 */
class PosContextSpeedupsTest {
    /** Sentences written for this test, each with chunks of the kinds the rule covers and the kinds it hands on. */
    private static final List<String> SENTENCES = List.of(
            "She thanked her colleagues, and they applauded.",
            "\"Her work,\" he said, \"speaks for itself.\"",
            "He gave her the award (the first of its kind).",
            "Mr. Smith met Dr. Jones at 3.30 p.m. on Jan. 5, 2021.",
            "Her first-generation students earned their master's degrees.",
            "His co-authored e-discovery report cost $1,200,000!",
            "They can't say whether it's hers or his; nobody knows.",
            "The U.S. team -- led by her -- won again?!",
            "KPAM's host, MikeFromCanmore, called her yesterday.",
            "Hers was the 10k race's fastest time: 31:02.",
            "It cannot be his; gonna check with her.",
            "The students' parents' association thanked Holmes' niece.");

    private static TokenizerME model() throws IOException {
        try (InputStream in = PosContext.class.getClassLoader().getResourceAsStream(PosContext.TOKENIZER_MODEL)) {
            return new TokenizerME(new TokenizerModel(in));
        }
    }

    @Test
    void theRuleTokenizerSplitsAsTheModelDoes() throws IOException {
        TokenizerME model = model();
        ChunkTokenizer chunks = new ChunkTokenizer(model());
        for (String s : SENTENCES) {
            assertEquals(render(s, model.tokenizePos(s)), render(s, chunks.tokenizePos(s)), s);
        }
    }

    @Test
    void plainWordsAreSplitByRuleAndTheRestByTheModel() throws IOException {
        // a model that must not be asked about plain chunks: it is only ever given the odd ones
        List<String> asked = new ArrayList<>();
        TokenizerME model = model();
        ChunkTokenizer chunks = new ChunkTokenizer(new TokenizerME(modelOf()) {
            @Override
            public Span[] tokenizePos(String d) {
                asked.add(d);
                return model.tokenizePos(d);
            }
        });
        String s = "\"Her career, she said (proudly. Mr. Rivera's first-rate team again?!";
        assertEquals(render(s, model.tokenizePos(s)), render(s, chunks.tokenizePos(s)));
        assertEquals(List.of("Mr.", "Rivera's", "first-rate", "again?!"), asked);
    }

    private static TokenizerModel modelOf() throws IOException {
        try (InputStream in = PosContext.class.getClassLoader().getResourceAsStream(PosContext.TOKENIZER_MODEL)) {
            return new TokenizerModel(in);
        }
    }

    private static List<String> render(String s, Span[] spans) {
        List<String> out = new ArrayList<>();
        for (Span sp : spans) {
            out.add(sp.getStart() + ":" + sp.getCoveredText(s));
        }
        return out;
    }

    @Test
    void theTaggerIsLoadedWithABeamOfOne() throws IOException {
        byte[] shipped;
        try (InputStream in = PosContext.class.getClassLoader().getResourceAsStream(PosContext.POS_MODEL)) {
            shipped = in.readAllBytes();
        }
        assertEquals("3", manifest(shipped).getProperty("BeamSize"), "the model as it ships");
        byte[] greedy = PosContext.greedy(shipped);
        Properties m = manifest(greedy);
        assertEquals("1", m.getProperty("BeamSize"));
        assertEquals(manifest(shipped).getProperty("Training-Eventhash"), m.getProperty("Training-Eventhash"),
                "the rest of the manifest kept");
    }

    private static Properties manifest(byte[] model) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(model))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("manifest.properties")) {
                    Properties p = new Properties();
                    p.load(new ByteArrayInputStream(zip.readAllBytes()));
                    return p;
                }
            }
        }
        throw new AssertionError("no manifest");
    }

    @Test
    void aRememberedWindowDecidesAsAFreshOne() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < PosContext.REMEMBERED + 50; i++) {
            texts.add(i % 2 == 0 ? "He saw her " + i + " times and praised her work."
                    : "She met his " + i + " students and thanked him.");
        }
        boolean[] fresh = decisions(new PosContext(), texts);
        PosContext reused = new PosContext();
        decisions(reused, texts);   // every window seen once; the first ones already forgotten
        assertArrayEquals(fresh, decisions(reused, texts));
        List<String> reversed = new ArrayList<>(texts);
        java.util.Collections.reverse(reversed);
        boolean[] back = decisions(reused, reversed);
        int n = texts.size();
        for (int i = 0; i < n; i++) {
            assertEquals(fresh[2 * i], back[2 * (n - 1 - i)], texts.get(i));
            assertEquals(fresh[2 * i + 1], back[2 * (n - 1 - i) + 1], texts.get(i));
        }
        // and the decisions are the grammatical ones: "saw her 4 times" an object, "her work" a determiner
        assertFalse(fresh[0]);
        assertTrue(fresh[1]);
    }

    /** For each text the decision about its first her or his, and about its last. */
    private static boolean[] decisions(PosContext ctx, List<String> texts) {
        boolean[] out = new boolean[texts.size() * 2];
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            int first = t.indexOf(t.contains(" her ") ? " her " : " his ") + 1;
            int last = Math.max(t.lastIndexOf(" her "), t.lastIndexOf(" his ")) + 1;
            out[2 * i] = ctx.isDeterminer(t, first, first + 3);
            out[2 * i + 1] = ctx.isDeterminer(t, last, last + 3);
        }
        return out;
    }
}
