package dev.skein.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InboundLaneTest {

    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    @Test
    void smallMessagesAreHandledAtOnceOnTheCallingThread() {
        InboundLane lane = new InboundLane(8, worker);
        List<String> handledOn = new ArrayList<>();
        lane.submit(new byte[4], f -> handledOn.add(Thread.currentThread().getName()));
        assertEquals(List.of(Thread.currentThread().getName()), handledOn);
    }

    @Test
    void messagesBehindALargeOneWaitForItAndKeepTheirOrder() throws Exception {
        InboundLane lane = new InboundLane(8, worker);
        List<Integer> order = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(4);
        String caller = Thread.currentThread().getName();
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.function.Consumer<byte[]> handler = frame -> {
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
        };
        lane.submit(frame(1, 2), handler);
        lane.submit(frame(2, 100), handler);
        lane.submit(frame(3, 2), handler);
        lane.submit(frame(4, 2), handler);
        assertEquals(List.of(1), order, "the small ones behind the large one wait");
        release.countDown();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(1, 2, 3, 4), order);
        assertEquals(caller, threads.get(0));
        assertTrue(threads.subList(1, 4).stream().noneMatch(caller::equals), threads.toString());

        // once the worker is done, small messages are handled at once again
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(lane::idle);
        lane.submit(frame(5, 2), handler);
        assertEquals(5, order.get(4));
    }

    @Test
    void aFailingMessageDoesNotStallTheOnesAfterIt() throws Exception {
        InboundLane lane = new InboundLane(8, worker);
        CountDownLatch after = new CountDownLatch(1);
        lane.submit(frame(1, 100), f -> {
            throw new IllegalStateException("boom");
        });
        lane.submit(frame(2, 2), f -> after.countDown());
        assertTrue(after.await(10, TimeUnit.SECONDS));
    }

    private static byte[] frame(int id, int length) {
        byte[] frame = new byte[length];
        frame[0] = (byte) id;
        return frame;
    }
}
