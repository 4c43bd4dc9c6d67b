package dev.debias.finetune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The interventions' state on its own: validation against the shape, copies, and the debias.* tensors. */
class UpstreamEditsTest {
    /** 2 layers, hidden 2, 1 head, intermediate 3. */
    private static final BertConfig SHAPE = new BertConfig(10, 2, 2, 1, 3, 8, 2, 1e-12);

    @Test
    void noEditsWriteNoTensors() {
        UpstreamEdits e = new UpstreamEdits(SHAPE);
        Weights w = new Weights();
        e.addTo(w);
        assertEquals(0, w.size());
        assertNull(e.headRow(0));
        assertNull(e.neuronRow(1));
        assertNull(e.projectionView());
        assertEquals(0f, e.weightSparsity());
    }

    @Test
    void everyEditTravelsAsItsTensorAndBack() {
        UpstreamEdits e = new UpstreamEdits(SHAPE);
        e.setProjection(new float[] {1, 2, 3, 4});
        e.setHeadMask(new float[][] {{1}, {0}});
        e.setNeuronMask(new float[][] {{1, 0, 1}, {0, 1, 1}});
        e.setWeightSparsity(0.25f);
        Weights w = new Weights();
        e.addTo(w);
        assertEquals(List.of(BertClassifier.PROJECTION, BertClassifier.HEAD_MASK, BertClassifier.NEURON_MASK,
                BertClassifier.WEIGHT_SPARSITY), List.copyOf(w.all().keySet()));
        assertArrayEquals(new long[] {2, 2}, w.get(BertClassifier.PROJECTION).shape());
        assertArrayEquals(new long[] {2, 1}, w.get(BertClassifier.HEAD_MASK).shape());
        // row-major: layer 0's neurons, then layer 1's
        assertArrayEquals(new float[] {1, 0, 1, 0, 1, 1}, w.get(BertClassifier.NEURON_MASK).data());
        assertArrayEquals(new float[] {0.25f}, w.get(BertClassifier.WEIGHT_SPARSITY).data());

        UpstreamEdits back = new UpstreamEdits(SHAPE);
        back.load(w);
        assertArrayEquals(new float[] {1, 2, 3, 4}, back.projection());
        assertArrayEquals(new float[][] {{1}, {0}}, back.headMask());
        assertArrayEquals(new float[] {0, 1, 1}, back.neuronRow(1));
        assertEquals(0.25f, back.weightSparsity());
        // loading weights without edits clears them
        back.load(new Weights());
        assertNull(back.projection());
        assertNull(back.headMask());
        assertNull(back.neuronMask());
        assertEquals(0f, back.weightSparsity());
    }

    @Test
    void valuesAreCopiedInAndOut() {
        UpstreamEdits e = new UpstreamEdits(SHAPE);
        float[] p = {1, 0, 0, 1};
        float[][] heads = {{1}, {1}};
        e.setProjection(p);
        e.setHeadMask(heads);
        p[0] = 9;
        heads[0][0] = 0;
        assertEquals(1f, e.projection()[0]);
        assertEquals(1f, e.headMask()[0][0]);
        e.projection()[1] = 7;
        e.headMask()[1][0] = 0;
        assertEquals(0f, e.projection()[1]);
        assertEquals(1f, e.headRow(1)[0]);
    }

    @Test
    void wrongShapesAreRefused() {
        UpstreamEdits e = new UpstreamEdits(SHAPE);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e.setHeadMask(new float[][] {{1}}))
                .getMessage().contains("the head mask has 1 layers, the model 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e.setNeuronMask(new float[][] {{1, 1, 1}, {1}}))
                .getMessage().contains("the neuron mask of layer 1 has 1 entries, the model 3"));
        assertThrows(IllegalArgumentException.class, () -> e.setProjection(new float[3]));
        assertThrows(IllegalArgumentException.class, () -> e.setWeightSparsity(1f));
        assertThrows(IllegalArgumentException.class, () -> e.setWeightSparsity(Float.NaN));
        Weights w = new Weights();
        w.put(BertClassifier.HEAD_MASK, new long[] {1, 2}, new float[] {1, 1});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e.load(w)).getMessage()
                .contains("tensor debias.head_mask has shape [1, 2], the model needs [2, 1]"));
    }
}
