package io.riskbase.risk;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The batches of an import's write pass, written up to {@code concurrency} at a time, each in its own transaction on
 * the managed executor. While one batch's statements run in PostgreSQL (the risks' inserts and their ~20 index entries
 * each, the larger part of a batch's time) the next one is written beside it, so the database and the node both keep a
 * core busy. The first failure is rethrown to the caller, after every batch already started has ended: what committed
 * stays (a re-run upserts by external id), and nothing is still writing when the job is marked.
 */
final class ImportWrites {

    private final ExecutorService executor;
    private final int concurrency;
    private final Deque<Future<?>> running = new ArrayDeque<>();

    ImportWrites(ExecutorService executor, int concurrency) {
        this.executor = executor;
        this.concurrency = Math.max(1, concurrency);
    }

    /** Starts writing one batch once fewer than {@code concurrency} are running; throws an earlier batch's failure. */
    void submit(Runnable batch) {
        while (running.size() >= concurrency) {
            awaitOldest();
        }
        running.add(executor.submit(batch));
    }

    /** Waits for every batch started; throws the first failure among them. */
    void finish() {
        while (!running.isEmpty()) {
            awaitOldest();
        }
    }

    private void awaitOldest() {
        try {
            running.peekFirst().get();
            running.removeFirst();
        } catch (ExecutionException | CancellationException e) {
            running.removeFirst();
            drain();
            throw e instanceof ExecutionException failed ? unchecked(failed.getCause()) : (CancellationException) e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drain();
            throw new IllegalStateException("interrupted while writing an import", e);
        }
    }

    /** After a failure: the batches still running end (commit or roll back) before the caller goes on. */
    private void drain() {
        boolean interrupted = false;
        while (!running.isEmpty()) {
            try {
                running.removeFirst().get();
            } catch (ExecutionException | CancellationException ignored) {
                // the first failure is the one reported
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }
}
