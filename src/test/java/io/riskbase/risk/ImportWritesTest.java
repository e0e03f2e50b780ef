package io.riskbase.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImportWritesTest {

    private final ExecutorService executor = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void neverMoreBatchesAtOnceThanItsConcurrencyAndFinishWaitsForAll() {
        ImportWrites writes = new ImportWrites(executor, 2);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            writes.submit(() -> {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                sleep(5);
                now.decrementAndGet();
                done.incrementAndGet();
            });
        }
        writes.finish();
        assertEquals(20, done.get());
        assertEquals(2, most.get());
    }

    @Test
    void theFirstFailureIsThrownOnlyAfterTheBatchesBesideItEnded() throws Exception {
        ImportWrites writes = new ImportWrites(executor, 2);
        CountDownLatch slowStarted = new CountDownLatch(1);
        AtomicInteger slowEnded = new AtomicInteger();
        IllegalStateException failure = new IllegalStateException("batch 1 refused");
        writes.submit(() -> {
            throw failure;
        });
        writes.submit(() -> {
            slowStarted.countDown();
            sleep(200);
            slowEnded.incrementAndGet();
        });
        assertTrue(slowStarted.await(5, TimeUnit.SECONDS));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> writes.submit(() -> {}));
        assertSame(failure, thrown);
        assertEquals(1, slowEnded.get(), "the batch beside the failed one ended before the failure was thrown");
        writes.finish();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
