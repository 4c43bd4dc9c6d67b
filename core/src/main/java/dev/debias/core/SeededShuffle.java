package dev.debias.core;

import java.util.List;
import java.util.SplittableRandom;

/** Fisher-Yates shuffles driven by a caller's seeded generator, so the same seed gives the same order. */
public final class SeededShuffle {
    private SeededShuffle() {}

    /** Shuffles {@code list} in place with {@code random}. */
    public static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
