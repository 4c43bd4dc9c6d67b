package dev.debias.finetune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.debias.finetune.testing.TinyBert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bfloat16 matrix products: the casts, their gradients, and the tiny model's forward pass against float32. */
class MixedPrecisionTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager(Device.cpu());
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void castsRoundToBfloat16AndCarryFloat32Gradients() {
        NDArray w = manager.create(new float[] {1f, 1.00390625f, 3.14159265f, -2.5e-3f}, new Shape(2, 2));
        w.setRequiresGradient(true);
        w.setName("encoder.layer.0.attention.self.query.weight");
        NDArray x = manager.create(new float[] {1f, 2f, 3f, 4f}, new Shape(2, 2));
        float[] rounded;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray b = BFloat16.of(w);
            assertEquals(DataType.UNKNOWN, b.getDataType(), "DJL has no name for PyTorch's bfloat16");
            rounded = BFloat16.toFloat32(b).toFloatArray();
            NDArray y = BFloat16.toFloat32(BFloat16.of(x).matMul(b));
            assertEquals(DataType.FLOAT32, y.getDataType());
            gc.backward(y.sum());
        }
        // 8 significant bits: 1.00390625 = 1 + 2^-8 rounds to 1 (ties to even), pi to 3.140625
        assertEquals(1f, rounded[1]);
        assertEquals(3.140625f, rounded[2]);
        NDArray g = w.getGradient();
        assertEquals(DataType.FLOAT32, g.getDataType());
        // d sum(x w) / d w[k][j] = sum_i x[i][k]: 4, 4, 6, 6
        float[] grad = g.toFloatArray();
        assertEquals(4f, grad[0]);
        assertEquals(6f, grad[3]);
    }

    @Test
    void theTinyModelsBfloat16ForwardIsCloseToFloat32() {
        BertClassifier m = new BertClassifier(TinyBert.CONFIG, 3, Pooling.MEAN, 0.1f);
        m.load(manager, TinyBert.randomWeights(7), 3);
        long[] ids = {2, 20, 25, 30, 3, 2, 9, 14, 18, 40, 41, 42, 43, 12, 3};
        long[] mask = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        long[] padded = new long[20];
        System.arraycopy(ids, 0, padded, 0, 5);
        System.arraycopy(ids, 5, padded, 10, 10);
        Shape s = new Shape(2, 10);
        NDList in = new NDList(manager.create(padded, s), manager.create(mask, s));
        float[] fp32 = m.forward(new ParameterStore(manager, false), in, false).get(2).toFloatArray();
        m.setPrecision(Precision.BF16);
        float[] bf16 = m.forward(new ParameterStore(manager, false), in, false).get(2).toFloatArray();
        float max = 0;
        for (int i = 0; i < fp32.length; i++) {
            max = Math.max(max, Math.abs(fp32[i] - bf16[i]));
        }
        System.out.println("tiny model, token states after LayerNorm: max |bf16 - fp32| = " + max);
        assertTrue(max < 0.1f, "max difference " + max);
        assertNotEquals(0f, max, "bf16 must compute differently from fp32");
        assertEquals(Precision.BF16, m.precision());
        assertThrows(IllegalArgumentException.class, () -> m.setPrecision(Precision.AUTO));
    }

    @Test
    void autoIsBfloat16WhereTheCpuFlagsSaySo() {
        String with = "processor\t: 0\nflags\t\t: fpu sse2 avx512f avx512_bf16 amx_tile\n\nprocessor\t: 1\n";
        String amx = "flags\t: fpu avx2 amx_bf16 amx_tile\n";
        String without = "processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512f avx512_vnni\nbugs\t: avx512_bf16\n";
        assertEquals(Precision.BF16, Precision.forCpu(with));
        assertEquals(Precision.BF16, Precision.forCpu(amx));
        assertEquals(Precision.FP32, Precision.forCpu(without), "only the flags line counts");
        assertEquals(Precision.FP32, Precision.forCpu(""));
        assertEquals(Precision.FP32, Precision.FP32.resolve(false, false));
        assertEquals(Precision.BF16, Precision.BF16.resolve(false, false));
        assertEquals(Precision.BF16, Precision.AUTO.resolve(true, true));
        assertEquals(Precision.FP32, Precision.AUTO.resolve(true, false));
        assertEquals(Precision.BF16, Precision.parse("BF16"));
        assertEquals("auto", Precision.AUTO.key());
        assertThrows(IllegalArgumentException.class, () -> Precision.parse("fp16"));
    }
}
