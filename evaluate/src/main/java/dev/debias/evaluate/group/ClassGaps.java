package dev.debias.evaluate.group;

import static dev.debias.evaluate.group.SheetDetail.reason;

import dev.debias.core.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-class gaps of a {@link MetricSheet} between two named groups: each class's TPR gap (TPR of
 * the first group minus the second, De-Arteaga et al., "Bias in Bios", FAT* 2019), their root mean square
 * GAP-RMS over classes, and the Pearson correlation over classes between the TPR gap and the first
 * group's share of each class's training examples. It reads the per-class TPRs a sheet has filled in
 * and writes the gap slots, applying the {@link UndefinedPolicy} to classes whose TPR gap is undefined.
 */
final class ClassGaps {
    private final SheetLayout layout;
    private final List<String> classes;
    private final int gapA;
    private final int gapB;
    private final double[] trainShare;
    private final UndefinedPolicy policy;

    /**
     * @param gapA first group of the TPR gaps, or -1 for none (then every slot here is undefined)
     * @param gapB second group of the TPR gaps
     * @param trainShare per class, the share of {@code gapA} among its training examples (NaN when
     *     unknown), or null
     */
    ClassGaps(SheetLayout layout, List<String> classes, int gapA, int gapB, double[] trainShare, UndefinedPolicy policy) {
        this.layout = layout;
        this.classes = classes;
        this.gapA = gapA;
        this.gapB = gapB;
        this.trainShare = trainShare;
        this.policy = policy;
    }

    /** Fills the TPR gap, GAP-RMS and correlation slots of {@code out} from its per-class TPRs; {@code detail} may be null. */
    void fill(double[] out, SheetDetail detail) {
        int k = classes.size();
        if (gapA < 0) {
            for (int i = layout.tprGap(0); i < layout.slots(); i++) {
                out[i] = Double.NaN;
                reason(detail, i, "no two groups named to compare (" + Setting.GAP_GROUPS + ")");
            }
            return;
        }
        double sumSq = 0;
        int defined = 0;
        List<String> undefined = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            double a = out[layout.perClass(gapA, c, SheetLayout.TPR)];
            double b = out[layout.perClass(gapB, c, SheetLayout.TPR)];
            int slot = layout.tprGap(c);
            if (Double.isNaN(a) || Double.isNaN(b)) {
                out[slot] = Double.NaN;
                if (detail != null) {
                    int g = Double.isNaN(a) ? gapA : gapB;
                    reason(detail, slot, detail.reasons[layout.perClass(g, c, SheetLayout.TPR)]);
                }
                undefined.add(classes.get(c));
                continue;
            }
            out[slot] = a - b;
            sumSq += (a - b) * (a - b);
            defined++;
        }
        int rms = layout.gapRms();
        if (defined == 0 || (!undefined.isEmpty() && policy == UndefinedPolicy.PROPAGATE)) {
            out[rms] = Double.NaN;
            reason(detail, rms, defined == 0 ? "the TPR gap is undefined for every class"
                    : "the TPR gap is undefined for classes " + undefined);
        } else {
            out[rms] = Math.sqrt(sumSq / defined);
            if (detail != null && !undefined.isEmpty()) {
                detail.excluded.get(rms).addAll(undefined.stream().map(c -> "class " + c).toList());
            }
        }
        if (!undefined.isEmpty() && policy == UndefinedPolicy.PROPAGATE) {
            out[layout.correlation()] = Double.NaN;
            reason(detail, layout.correlation(), "the TPR gap is undefined for classes " + undefined);
        } else {
            out[layout.correlation()] = correlation(out, detail);
        }
    }

    private double correlation(double[] out, SheetDetail detail) {
        int slot = layout.correlation();
        if (trainShare == null) {
            reason(detail, slot, "no training file given (" + Setting.TRAIN + ")");
            return Double.NaN;
        }
        int k = classes.size();
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int c = 0; c < k; c++) {
            if (!Double.isNaN(out[layout.tprGap(c)]) && !Double.isNaN(trainShare[c])) {
                sx += out[layout.tprGap(c)];
                sy += trainShare[c];
                n++;
            }
        }
        if (n < 3) {
            reason(detail, slot, String.format(Locale.ROOT,
                    "needs at least 3 classes with a defined TPR gap and training examples; %d have", n));
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double cov = 0;
        double vx = 0;
        double vy = 0;
        for (int c = 0; c < k; c++) {
            if (!Double.isNaN(out[layout.tprGap(c)]) && !Double.isNaN(trainShare[c])) {
                double dx = out[layout.tprGap(c)] - mx;
                double dy = trainShare[c] - my;
                cov += dx * dy;
                vx += dx * dx;
                vy += dy * dy;
            }
        }
        if (vx == 0 || vy == 0) {
            reason(detail, slot, vx == 0 ? "the TPR gap is the same for every class"
                    : "the training share is the same for every class");
            return Double.NaN;
        }
        return cov / Math.sqrt(vx * vy);
    }
}
