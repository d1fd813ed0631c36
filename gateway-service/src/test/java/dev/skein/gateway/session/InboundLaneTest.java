package dev.skein.gateway.session;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InboundLaneTest {

    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        worker.shutdownNow();
        timers.shutdownNow();
    }

    private InboundLane lane(int perSecond, ReadGate gate, Consumer<byte[]> handler) {
        return batchLane(perSecond, gate, frames -> frames.forEach(handler));
    }

    private InboundLane batchLane(int perSecond, ReadGate gate, Consumer<List<byte[]>> handler) {
        return new InboundLane(8, worker, new RateLimiter(perSecond, System.nanoTime()),
            (millis, task) -> timers.schedule(task, millis, TimeUnit.MILLISECONDS), Runnable::run, gate, gate::outboundPaused,
            () -> { }, handler);
    }

    private InboundLane lane(Consumer<byte[]> handler) {
        return lane(100_000, new ReadGate(null), handler);
    }

    @Test
    void smallMessagesAreHandledAtOnceOnTheCallingThread() {
        List<String> handledOn = new ArrayList<>();
        lane(f -> handledOn.add(Thread.currentThread().getName())).submit(new byte[4]);
        assertEquals(List.of(Thread.currentThread().getName()), handledOn);
    }

    @Test
    void messagesBehindALargeOneWaitForItAndKeepTheirOrder() throws Exception {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(4);
        String caller = Thread.currentThread().getName();
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        InboundLane lane = lane(frame -> {
            if (frame.length > 8) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            order.add((int) frame[0]);
            threads.add(Thread.currentThread().getName());
            done.countDown();
        });
        lane.submit(frame(1, 2));
        lane.submit(frame(2, 100));
        lane.submit(frame(3, 2));
        lane.submit(frame(4, 2));
        assertEquals(List.of(1), order, "the small ones behind the large one wait");
        release.countDown();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(1, 2, 3, 4), order);
        assertEquals(caller, threads.get(0));
        assertTrue(threads.subList(1, 4).stream().noneMatch(caller::equals), threads.toString());

        // once the worker is done, small messages are handled at once again
        await().atMost(Duration.ofSeconds(10)).until(lane::idle);
        lane.submit(frame(5, 2));
        assertEquals(5, order.get(4));
    }

    @Test
    void aFailingMessageDoesNotStallTheOnesAfterIt() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        InboundLane lane = lane(f -> {
            if (f[0] == 1) {
                throw new IllegalStateException("boom");
            }
            after.countDown();
        });
        lane.submit(frame(1, 100));
        lane.submit(frame(2, 2));
        assertTrue(after.await(10, TimeUnit.SECONDS));
    }

    @Test
    void overTheRateMessagesWaitInOrderAndReadingPausesMeanwhile() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ReadGate gate = new ReadGate(channel);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        // 100 a second, a burst of 200
        InboundLane lane = lane(100, gate, frame -> order.add(((frame[0] & 0xff) << 8) | (frame[1] & 0xff)));
        for (int i = 0; i < 300; i++) {
            lane.submit(new byte[] {(byte) (i >> 8), (byte) i});
        }
        assertTrue(order.size() >= 200 && order.size() < 300, "the burst passes, the rest waits: " + order.size());
        assertFalse(channel.config().isAutoRead(), "nothing more is read while messages wait");
        await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 300);
        for (int i = 0; i < 300; i++) {
            assertEquals(i, order.get(i));
        }
        await().atMost(Duration.ofSeconds(10)).until(lane::idle);
        assertTrue(channel.config().isAutoRead(), "reading resumes once the backlog is handled");
    }

    @Test
    void whatWasSentBeforeTheCloseIsHandledAtOnceAndThenTheCleanupRuns() {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger cleanups = new AtomicInteger();
        // 1 a second, a burst of 2: without the close the rest would take a minute
        InboundLane lane = lane(1, new ReadGate(new EmbeddedChannel()), frame -> order.add((int) frame[0]));
        for (int i = 0; i < 60; i++) {
            lane.submit(frame(i, 2));
        }
        lane.close(() -> {
            assertEquals(60, order.size(), "every message comes before the cleanup");
            cleanups.incrementAndGet();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> cleanups.get() == 1);
        for (int i = 0; i < 60; i++) {
            assertEquals(i, order.get(i));
        }
        lane.submit(frame(99, 2));
        assertEquals(60, order.size(), "nothing is taken after the close");
    }

    @Test
    void aCloseWithNothingQueuedCleansUpAtOnce() {
        AtomicInteger cleanups = new AtomicInteger();
        lane(f -> { }).close(cleanups::incrementAndGet);
        assertEquals(1, cleanups.get());
    }

    @Test
    void whileTheOutboundQueueIsOverItsBoundMessagesAlreadyReadWaitAndReadingStaysPaused() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ReadGate gate = new ReadGate(channel);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        InboundLane lane = lane(100_000, gate, frame -> order.add((int) frame[0]));
        lane.submit(frame(1, 2));
        assertTrue(gate.pause(ReadGate.Reason.OUTBOUND));
        // a burst read before the pause took effect: none of it is fanned out while the queue is full
        for (int i = 2; i <= 50; i++) {
            lane.submit(frame(i, 2));
        }
        assertEquals(List.of(1), order);
        gate.resume(ReadGate.Reason.OUTBOUND);
        assertFalse(channel.config().isAutoRead(), "the messages still waiting keep reading paused");
        lane.outboundDrained();
        assertEquals(50, order.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(i + 1, order.get(i));
        }
        assertTrue(lane.idle());
        assertTrue(channel.config().isAutoRead(), "reading resumes once the held messages are handled");
    }

    @Test
    void aCloseWhileHeldForTheOutboundQueueHandlesTheRestAndCleansUp() {
        ReadGate gate = new ReadGate(new EmbeddedChannel());
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger cleanups = new AtomicInteger();
        InboundLane lane = lane(100_000, gate, frame -> order.add((int) frame[0]));
        gate.pause(ReadGate.Reason.OUTBOUND);
        for (int i = 0; i < 10; i++) {
            lane.submit(frame(i, 2));
        }
        assertTrue(order.isEmpty());
        // the connection closed with its queue still full: nothing would call outboundDrained
        lane.close(() -> {
            assertEquals(10, order.size(), "every message comes before the cleanup");
            cleanups.incrementAndGet();
        });
        assertEquals(1, cleanups.get());
        lane.outboundDrained();
        assertEquals(10, order.size(), "nothing is handled twice");
    }

    @Test
    void messagesThatWaitedTogetherAreHandedOverAsOneBatchInOrderAndOneAtATimeOtherwise() {
        ReadGate gate = new ReadGate(new EmbeddedChannel());
        List<List<Integer>> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
        // 100 a second, a burst of 200: the first 200 are handled as they arrive
        InboundLane lane = batchLane(100, gate, frames -> batches.add(frames.stream().map(f -> (int) f[0] & 0xff).toList()));
        for (int i = 0; i < 240; i++) {
            lane.submit(frame(i, 2));
        }
        assertTrue(batches.stream().limit(200).allMatch(b -> b.size() == 1), "handled as they arrived: one at a time");
        await().atMost(Duration.ofSeconds(10)).until(() -> batches.stream().mapToInt(List::size).sum() == 240);
        List<Integer> all = batches.stream().flatMap(List::stream).toList();
        for (int i = 0; i < 240; i++) {
            assertEquals(i & 0xff, all.get(i));
        }
        // paced at 100/s with wake-ups 20 ms apart (2 tokens): what waited meanwhile comes together
        assertTrue(batches.size() <= 200 + 25, "the paced 40 came in batches: " + batches.size() + " batches");
        assertTrue(batches.stream().skip(200).anyMatch(b -> b.size() >= 2), batches.toString());
        assertTrue(batches.stream().allMatch(b -> b.size() <= InboundLane.MAX_BATCH));
    }

    @Test
    void messagesReadTogetherAreOneBatchEvenWithTokensLeft() {
        List<Runnable> afterRead = new ArrayList<>();
        ReadGate gate = new ReadGate(new EmbeddedChannel());
        List<List<Integer>> batches = new ArrayList<>();
        // 500 a second, a burst of 1,000: every message below has a token at once
        InboundLane lane = new InboundLane(8, worker, new RateLimiter(500, System.nanoTime()),
            (millis, task) -> timers.schedule(task, millis, TimeUnit.MILLISECONDS), afterRead::add, gate,
            gate::outboundPaused, () -> { }, frames -> batches.add(frames.stream().map(f -> (int) f[0] & 0xff).toList()));
        for (int i = 0; i < 300; i++) {
            lane.submit(frame(i, 2));
        }
        assertEquals(List.of(), batches, "nothing handled before the read is done");
        assertTrue(gate.paused(), "no further reads while what was read waits");
        assertEquals(1, afterRead.size(), "one drain for the whole read");
        afterRead.remove(0).run();
        assertEquals(List.of(InboundLane.MAX_BATCH, 300 - InboundLane.MAX_BATCH), batches.stream().map(List::size).toList());
        List<Integer> all = batches.stream().flatMap(List::stream).toList();
        for (int i = 0; i < 300; i++) {
            assertEquals(i & 0xff, all.get(i));
        }
        assertFalse(gate.paused(), "reading again once everything read was handled");
        lane.submit(frame(7, 2));
        afterRead.remove(0).run();
        assertEquals(List.of(7), batches.get(2), "a lone message is a batch of one");
    }

    private static byte[] frame(int id, int length) {
        byte[] frame = new byte[length];
        frame[0] = (byte) id;
        return frame;
    }
}
