package io.riskbase.it.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way the integration tests wait for something: ask, pause, ask again, until the answer is the expected one or
 * the time is up, then fail with what was last seen. Never a busy loop: every retry pauses first.
 */
public final class Poll {

    /** The pause between two questions unless a caller needs a finer one. */
    public static final Duration PAUSE = Duration.ofMillis(200);

    private Poll() {}

    /**
     * Asks {@code probe} until {@code done} accepts its answer, and returns that answer; fails after {@code timeout}.
     */
    public static <T> T until(
            String what, Duration timeout, Duration pause, Supplier<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T answer = probe.get();
            if (done.test(answer)) {
                return answer;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError(what + ": not within " + timeout + ", last seen: " + answer);
            }
            pause(pause);
        }
    }

    /** Asks {@code condition} every {@link #PAUSE} until it holds; fails after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, PAUSE, condition::getAsBoolean, Boolean::booleanValue);
    }

    public static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
