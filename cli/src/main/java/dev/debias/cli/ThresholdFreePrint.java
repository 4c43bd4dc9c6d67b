package dev.debias.cli;

import dev.debias.evaluate.scores.PowerMean;
import dev.debias.evaluate.scores.ScoreResult;
import dev.debias.evaluate.scores.SubgroupScores;
import dev.debias.evaluate.scores.ThresholdFree;
import java.io.PrintWriter;
import java.util.Locale;

/** The terminal summary of the threshold-free measures: overall values, the power means, and one line per group. */
final class ThresholdFreePrint {
    private ThresholdFreePrint() {}

    static void print(PrintWriter o, ThresholdFree t) {
        if (t == null) {
            return;
        }
        for (ScoreResult r : t.results()) {
            o.printf(Locale.ROOT, "threshold-free by %s, positive '%s' (%s, %s; %d records, %d positive)%n", r.grouping(),
                    r.positiveLabel(), t.probabilityField(), t.positiveChoice(), r.overall().count(), r.overall().positives());
            o.printf(Locale.ROOT, "  %-32s %s%n", "auc", EvaluateCommand.fmt(r.overall().auc()));
            o.printf(Locale.ROOT, "  %-32s %s%n", "calibration_error", EvaluateCommand.fmt(r.overall().calibrationError()));
            o.printf(Locale.ROOT, "  %-32s %s%n", "calibration_difference",
                    EvaluateCommand.fmt(r.overall().calibrationDifference()));
            for (PowerMean m : r.means()) {
                o.printf(Locale.ROOT, "  %-32s %s%s%n", m.name(), EvaluateCommand.fmt(m.value()),
                        m.excludedGroups().isEmpty() ? "" : "  (leaves out " + String.join(", ", m.excludedGroups()) + ")");
            }
            o.printf(Locale.ROOT, "  %-32s %s%n", "final_score", EvaluateCommand.fmt(r.finalScore()));
            for (SubgroupScores g : r.groups()) {
                o.printf(Locale.ROOT, "  %-16s n %-6d auc %s | bpsn %s | bnsp %s | calibration difference %s%n", g.group(),
                        g.count(), EvaluateCommand.fmt(g.auc()), EvaluateCommand.fmt(g.bpsnAuc()),
                        EvaluateCommand.fmt(g.bnspAuc()), EvaluateCommand.fmt(g.calibrationDifference()));
            }
        }
    }
}
