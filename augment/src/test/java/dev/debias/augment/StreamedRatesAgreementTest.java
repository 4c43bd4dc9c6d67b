package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.debias.audit.Axis;
import dev.debias.augment.AugmenterTest.Support;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.WriteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The before and after rates augment counts while streaming ({@link StreamedRates}) equal the rates a real
 * Lucene audit index gives for the input and for the written output ({@link AuditRates}, the audit module's
 * document-scope table), in every mode that writes records, with groups from the lexicon (phrases, a
 * modifier before a person noun, names, records of both groups or none) and from a group field.
 */
class StreamedRatesAgreementTest {
    @TempDir
    Path dir;

    private static final Axis GENDER = Axis.parse("builtin:gender,builtin:names", false).stream()
            .filter(a -> a.name().equals("gender")).findFirst().orElseThrow();

    /** A corpus where lexicon and field disagree on purpose, and some records have both groups or none. */
    private static List<Record> corpus() {
        List<Record> out = new ArrayList<>();
        String[] texts = {
            "She is a nurse and her patients like her.",
            "He is a nurse.",
            "The female nurse met the doctor.",          // a modifier before a person noun
            "A female-led team of engineers.",           // a modifier before no person
            "Maria said the mother of two was tired.",   // a name, a phrase-free group word
            "He met her at the station.",                // both groups
            "The lake froze overnight.",                 // none
            "The actress thanked the actor.",
            "His wife called him.",
            "Mr. Smith and his son arrived.",
        };
        String[] labels = {"nurse", "nurse", "nurse", "engineer", "nurse", "engineer", "engineer", "actress", "engineer",
            "nurse"};
        String[] field = {"female", "male", "F", "", "female", "male", "", "female", "Male", "male"};
        for (int rep = 0; rep < 3; rep++) {
            for (int i = 0; i < texts.length; i++) {
                out.add(Support.rec("r" + rep + "-" + i, texts[i], labels[i], field[i]));
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = AugmentMode.class, names = {"TWO_SIDED", "ONE_SIDED", "REBALANCE", "SUBSTITUTE", "MASK"})
    void streamedRatesEqualTheAuditIndexOfInputAndOutput(AugmentMode mode) throws IOException {
        for (boolean byField : new boolean[] {false, true}) {
            ReadOptions read = byField ? Support.READ : Support.READ_LEXICON;
            Path in = Support.write(dir.resolve(mode + "-" + byField + ".jsonl"), corpus());
            Path out = dir.resolve(mode + "-" + byField + "-out.jsonl");
            AugmentSummary s = Augmenter.builder().setMode(mode).optThreads(2).optSeed(3).build()
                    .run(in, read, out, WriteOptions.defaults().withFieldNamesOf(read.fields()));
            String field = byField ? "gender" : null;
            AuditRates audit = new AuditRates(GENDER, field, 1);
            Map<String, Map<String, Double>> before = audit.of(in, read, dir.resolve("i-" + mode + byField), null);
            ReadOptions back = read.withFields(new FieldMapping("text", "label", read.fields().groupFields(), "id"));
            Map<String, Map<String, Double>> after = audit.of(out, back, dir.resolve("o-" + mode + byField), null);
            assertFalse(before.isEmpty());
            assertEquals(before, s.ratesBefore(), mode + (byField ? " by field" : " by lexicon") + ": before");
            assertEquals(after, s.ratesAfter(), mode + (byField ? " by field" : " by lexicon") + ": after");
        }
    }
}
