package dev.skein.loadtool.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void stopsAfterItsCountAtTheGivenRate() throws Exception {
        try (Pacer pacer = new Pacer(2)) {
            long start = System.nanoTime();
            int ticks = pacer.every(200, 0, 100, start + TimeUnit.SECONDS.toNanos(10), i -> true).get(10, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(100, ticks);
            assertTrue(seconds > 0.45 && seconds < 3, "100 ticks at 200/s took " + seconds + " s");
            assertEquals(100, pacer.lag().getTotalCount());
        }
    }

    @Test
    void stopsAtTheDeadlineOrWhenATickSaysSo() throws Exception {
        try (Pacer pacer = new Pacer(1)) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            int ticks = pacer.every(100, 0, Integer.MAX_VALUE, deadline, i -> true).get(10, TimeUnit.SECONDS);
            assertTrue(ticks >= 10 && ticks <= 25, "ticks before a 200 ms deadline at 100/s: " + ticks);
            AtomicInteger seen = new AtomicInteger();
            int stopped = pacer.every(1000, 0, 1000, System.nanoTime() + TimeUnit.SECONDS.toNanos(10),
                    i -> seen.incrementAndGet() < 5).get(10, TimeUnit.SECONDS);
            assertEquals(5, stopped);
            assertEquals(5, seen.get());
        }
    }
}
