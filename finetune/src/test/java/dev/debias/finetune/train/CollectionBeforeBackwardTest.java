package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.Scalars;
import dev.debias.finetune.testing.TinyBert;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A garbage collection between the forward and the backward pass changes no gradient. DJL makes a scalar
 * operand ({@code x.mul(0.5f)}) a tensor over a Java direct buffer and drops it at once; autograd still
 * needs it, so a collection then freed it and the backward pass read freed memory. That made training
 * depend on when the JVM collected: now and then a resumed run differed from the uninterrupted one, or a
 * step's gradient norm came out infinite, under load or with other tests in the JVM ({@link Scalars}).
 */
class CollectionBeforeBackwardTest {
    /**
     * Collects garbage and gives the JVM's cleaner time to free the direct buffers nobody holds, then
     * takes small blocks of native memory again and fills them, so freed memory no longer holds what it
     * held. Returns the new blocks, to be kept until after the backward pass.
     */
    private static List<ByteBuffer> collectAndReuse() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        List<ByteBuffer> reused = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            reused.add(ByteBuffer.allocateDirect(4 + 4 * (i % 4)).putFloat(0, 1e30f));
        }
        return reused;
    }

    @Test
    void aScalarOperandOutlivesACollection() throws Exception {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            for (int round = 0; round < 5; round++) {
                try (NDManager s = m.newSubManager()) {
                    NDArray x = s.create(new float[] {1, 2, 3, 4});
                    x.setRequiresGradient(true);
                    List<ByteBuffer> held;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray y = x.mul(Scalars.of(s, 0.5f)).sum();
                        held = collectAndReuse();
                        gc.backward(y);
                    }
                    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, x.getGradient().toFloatArray(),
                            "round " + round + " (" + held.size() + " blocks reused)");
                }
            }
        }
    }

    /** Every parameter's gradient after one forward and backward pass of a training step's loss. */
    private static Map<String, float[]> gradients(boolean collect) throws Exception {
        List<Example> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long[] ids = {2, 9 + i, 10 + 2 * i, 12, 3};
            batch.add(new Example("x" + i, ids, new long[ids.length], i % 2, 1f + i));
        }
        try (NDManager base = NDManager.newBaseManager(Device.cpu()); NDManager params = base.newSubManager()) {
            BertClassifier model = new BertClassifier(TinyBert.CONFIG, 2, Pooling.MEAN, 0f);
            model.load(params, TinyBert.randomWeights(11), 3);
            Map<String, NDArray> p = new LinkedHashMap<>();
            for (String name : model.parameterNames()) {
                NDArray a = model.parameter(name).getArray();
                a.setRequiresGradient(true);
                p.put(name, a);
            }
            ParameterStore store = new ParameterStore(params, false);
            Map<String, float[]> out = new LinkedHashMap<>();
            for (int round = 0; round < 3; round++) {
                try (NDManager s = base.newSubManager()) {
                    List<ByteBuffer> held = List.of();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = model.forward(store, Batches.inputs(s, batch), true).get(0);
                        NDArray loss = FineTuner.weightedMean(s, logits.sum(), 10);
                        if (collect) {
                            held = collectAndReuse();
                        }
                        gc.backward(loss);
                    }
                    for (var e : p.entrySet()) {
                        NDArray g = e.getValue().getGradient();
                        out.put(round + " " + e.getKey(), g.toFloatArray());
                        g.subi(g);
                    }
                    held.size();
                }
            }
            return out;
        }
    }

    @Test
    void aTrainingStepsGradientsDoNotDependOnACollection() throws Exception {
        Map<String, float[]> quiet = gradients(false);
        Map<String, float[]> collected = gradients(true);
        for (var e : quiet.entrySet()) {
            assertArrayEquals(e.getValue(), collected.get(e.getKey()), e.getKey());
        }
    }
}
