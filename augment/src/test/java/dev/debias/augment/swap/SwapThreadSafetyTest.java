package dev.debias.augment.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SwapThreadSafetyTest {
    static final int SENTENCES = 500;
    static final int THREADS = 4;

    /** 500 distinct sentences built from the table's inputs, some joined into multi-sentence texts. */
    static List<String> sentences() {
        List<String> base = SwapTableTest.table().stream().map(SwapTableTest.Row::input).toList();
        List<String> out = new ArrayList<>();
        for (int i = 0; out.size() < SENTENCES; i++) {
            String a = base.get(i % base.size());
            String b = base.get((i * 7 + 3) % base.size());
            out.add(switch (i / base.size() % 3) {
                case 0 -> a;
                case 1 -> a + " " + b;
                default -> "Item " + i + ": " + a + " Then " + b;
            });
        }
        return out;
    }

    @Test
    @Timeout(value = 25, unit = TimeUnit.SECONDS)
    void concurrentSwapsEqualSequentialOnes() throws Exception {
        List<String> texts = sentences();
        assertEquals(SENTENCES, texts.size());
        CounterfactualSwapper swapper = CounterfactualSwapper.builder().build();
        List<Counterfactual> sequential = new ArrayList<>();
        List<Counterfactual> masked = new ArrayList<>();
        for (String t : texts) {
            sequential.add(swapper.swap(t));
            masked.add(swapper.mask(t));
        }
        assertTrue(sequential.stream().filter(Counterfactual::changed).count() > 400);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = t;
                futures.add(pool.submit(() -> {
                    // each thread swaps every sentence, in its own order, interleaving swaps and masks
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < texts.size(); i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order, new Random(seed));
                    List<String> mismatches = new ArrayList<>();
                    start.await();
                    for (int i : order) {
                        Counterfactual c = swapper.swap(texts.get(i));
                        if (!c.equals(sequential.get(i))) {
                            mismatches.add(texts.get(i) + " -> " + c.text() + " (sequential: " + sequential.get(i).text() + ")");
                        }
                        if (i % 5 == 0 && !swapper.mask(texts.get(i)).equals(masked.get(i))) {
                            mismatches.add("mask of " + texts.get(i));
                        }
                    }
                    return mismatches;
                }));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : futures) {
                all.addAll(f.get(25, TimeUnit.SECONDS));
            }
            assertEquals(List.of(), all);
        } finally {
            pool.shutdownNow();
        }
    }
}
