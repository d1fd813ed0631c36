package dev.skein.loadtool.pacing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import org.HdrHistogram.Histogram;

/**
 * Runs ticks at a fixed rate on a small scheduler: the scheduler's threads sleep between ticks
 * (no busy-spinning, which would steal a core from the server under test), and every paced task
 * stops by itself after its count or its deadline.
 *
 * <p>Each tick is due at {@code start + i × period}; how late it actually ran is recorded, so a
 * report can show that the generator kept up (a late tick would otherwise be blamed on the server).
 */
public final class Pacer implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final Histogram lagMicros = new Histogram(3);

    /** @param threads scheduler threads; ticks of all paced tasks share them */
    public Pacer(int threads) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "pacer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
    }

    /**
     * Calls {@code tick} with 0, 1, 2, ... at {@code ratePerSecond}, starting after
     * {@code initialDelayNanos}, until {@code maxTicks} ticks ran, {@code deadlineNanos}
     * (System.nanoTime) passed, or {@code tick} returned false.
     *
     * @return completes with the number of ticks that ran
     */
    public CompletableFuture<Integer> every(double ratePerSecond, long initialDelayNanos, int maxTicks,
            long deadlineNanos, IntPredicate tick) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        long period = Math.max(1, Math.round(1e9 / ratePerSecond));
        long requestedStart = System.nanoTime() + initialDelayNanos;
        // Set right before scheduling: tick i is due at start + i * period.
        long[] start = new long[1];
        AtomicInteger count = new AtomicInteger();
        CompletableFuture<Integer> done = new CompletableFuture<>();
        AtomicReference<ScheduledFuture<?>> handle = new AtomicReference<>();
        Runnable task = () -> {
            if (done.isDone()) {
                return;
            }
            int i = count.get();
            long now = System.nanoTime();
            if (i >= maxTicks || now - deadlineNanos >= 0) {
                finish(done, handle, i);
                return;
            }
            recordLag(now - (start[0] + i * period));
            boolean more;
            try {
                more = tick.test(i);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                cancel(handle);
                return;
            }
            count.incrementAndGet();
            if (!more || i + 1 >= maxTicks) {
                finish(done, handle, i + 1);
            }
        };
        // The start is fixed right before scheduling, so that it is the executor's first due time
        // even when building the task took a while (class loading on first use): otherwise every
        // tick would show that delay as lag.
        long now = System.nanoTime();
        start[0] = Math.max(requestedStart, now);
        handle.set(scheduler.scheduleAtFixedRate(task, start[0] - now, period, TimeUnit.NANOSECONDS));
        if (done.isDone()) {
            cancel(handle);
        }
        return done;
    }

    /** How late ticks ran, in microseconds (a copy). */
    public Histogram lag() {
        synchronized (lagMicros) {
            return lagMicros.copy();
        }
    }

    /** Forgets the lag recorded so far. */
    public void resetLag() {
        synchronized (lagMicros) {
            lagMicros.reset();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private void recordLag(long lateNanos) {
        synchronized (lagMicros) {
            lagMicros.recordValue(Math.max(0, lateNanos / 1_000));
        }
    }

    private static void finish(CompletableFuture<Integer> done, AtomicReference<ScheduledFuture<?>> handle, int ticks) {
        done.complete(ticks);
        cancel(handle);
    }

    private static void cancel(AtomicReference<ScheduledFuture<?>> handle) {
        ScheduledFuture<?> future = handle.get();
        if (future != null) {
            future.cancel(false);
        }
    }

    /** A scheduler sized for this machine: one thread per core, at least two. */
    public static Pacer forThisMachine() {
        return new Pacer(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }
}
