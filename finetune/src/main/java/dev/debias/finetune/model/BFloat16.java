package dev.debias.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Differentiable casts between float32 and bfloat16 on the PyTorch engine.
 *
 * <p>Why not {@code NDArray.toType}: DJL's JNI maps a {@code DataType} to a PyTorch scalar type by its
 * ordinal and knows only float32, float64, float16, uint8, int32, int8, int64, bool (and complex64);
 * {@code BFLOAT16} (ordinal 11) falls to a bare C++ {@code throw;} with no active exception, which calls
 * {@code std::terminate} and ends the JVM ("terminate called without an active exception"). The same
 * mapping is in DJL 0.33.0 and 0.35.1. Its {@code toType} also runs without autograd, so it could not
 * carry gradients anyway. So each cast here is a one-line TorchScript module ({@code torch.to(x, dtype)}),
 * written in memory as a TorchScript archive and loaded once per process (held by no DJL manager). Running
 * a module does not go through the dtype mapping and is recorded by autograd, so gradients flow back to
 * float32 weights in float32. A bfloat16 array reports DJL's {@code UNKNOWN} data type. DJL's operators
 * on it (matrix products, linear, reshape) work; reading its values needs {@link #toFloat32} first.
 */
public final class BFloat16 {
    /** PyTorch's scalar type numbers (c10::ScalarType). */
    private static final int TORCH_FLOAT32 = 6;
    private static final int TORCH_BFLOAT16 = 15;

    private static final class Modules {
        static final PtSymbolBlock TO_BF16 = load(TORCH_BFLOAT16);
        static final PtSymbolBlock TO_FP32 = load(TORCH_FLOAT32);
    }

    private BFloat16() {
    }

    /** {@code x} as bfloat16 (rounded to nearest), differentiable. */
    public static NDArray of(NDArray x) {
        return run(Modules.TO_BF16, x);
    }

    /** {@code x} (bfloat16 or any floating type) as float32, differentiable. */
    public static NDArray toFloat32(NDArray x) {
        return run(Modules.TO_FP32, x);
    }

    /**
     * The module's forward on {@code x}, recorded by autograd, in x's manager. DJL passes a named array whose
     * name has a dot as an entry of a dict, so a named array goes in as an unnamed view of itself.
     */
    private static NDArray run(PtSymbolBlock module, NDArray x) {
        NDArray plain = x.getName() == null ? x : x.reshape(x.getShape());
        return IValueUtils.forward(module, new NDList(plain), true).head();
    }

    /**
     * Loads the cast module and detaches it from the manager it was loaded into, so it lives as long as the
     * process without holding a DJL manager open (a finished run leaves none).
     */
    private static PtSymbolBlock load(int scalarType) {
        try (NDManager m = NDManager.newBaseManager()) {
            PtSymbolBlock block = JniUtils.loadModule((PtNDManager) m, new ByteArrayInputStream(archive(scalarType)),
                    false, false);
            m.detachInternal(String.valueOf(block.getHandle()));
            return block;
        } catch (IOException e) {
            throw new IllegalStateException("the PyTorch engine could not load the bfloat16 cast module", e);
        }
    }

    /** A TorchScript archive of a module {@code Cast} whose forward is {@code torch.to(x, scalarType)}. */
    static byte[] archive(int scalarType) throws IOException {
        String code = "class Cast(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  def forward(self: __torch__.Cast,\n"
                + "    x: Tensor) -> Tensor:\n"
                + "    return torch.to(x, " + scalarType + ")\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            // the module object: pickle protocol 2, an instance of __torch__.Cast with training = False
            stored(zip, "archive/data.pkl", concat(new byte[] {(byte) 0x80, 2}, ascii("c__torch__\nCast\n)"),
                    new byte[] {(byte) 0x81, '}'}, ascii("X"), new byte[] {8, 0, 0, 0}, ascii("training"),
                    new byte[] {(byte) 0x89, 's', 'b', '.'}));
            stored(zip, "archive/code/__torch__.py", ascii(code));
            stored(zip, "archive/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            stored(zip, "archive/version", ascii("3\n"));
            stored(zip, "archive/byteorder", ascii("little"));
        }
        return out.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
