package org.insurwatch.jobs.rules.price;

import org.apache.datasketches.kll.KllSketch;

import java.lang.reflect.Field;
import java.util.Random;

/**
 * DataSketches' KLL compacts at random, through one static {@link Random} that every sketch of the JVM shares
 * and that is seeded from the clock, so the same prices make a slightly different sketch on every run: a replay
 * would cite another median than the live run did, and a verdict right at the threshold could flip. Every
 * update and merge therefore runs under one lock with that Random reseeded from what is being sketched, which
 * makes a sketch a function of its input. The sketches change once per refresh window and key, so the lock is
 * taken rarely.
 */
final class DeterministicCompaction {
    private static final Random SHARED = sharedRandom();

    private DeterministicCompaction() {
    }

    static synchronized void run(long seed, Runnable mutation) {
        SHARED.setSeed(seed);
        mutation.run();
    }

    /** A seed from the parts that identify one mutation (key, window, position). */
    static long seed(Object... parts) {
        long seed = 1125899906842597L;
        for (Object part : parts) {
            seed = 31 * seed + String.valueOf(part).hashCode();
        }
        return seed;
    }

    private static Random sharedRandom() {
        try {
            Field random = KllSketch.class.getDeclaredField("random");
            random.setAccessible(true);
            return (Random) random.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("datasketches-java no longer keeps KLL's Random in KllSketch.random;"
                    + " deterministic price medians need another way to seed it", e);
        }
    }
}
