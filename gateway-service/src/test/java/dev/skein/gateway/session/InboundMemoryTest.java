package dev.skein.gateway.session;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.gateway.RawWebSocket;
import dev.skein.gateway.DocServiceStub;
import dev.skein.gateway.Stubs;
import dev.skein.gateway.TestUpdates;
import dev.skein.gateway.WsClient;
import dev.skein.gateway.delivery.LiveDelivery;
import dev.skein.gateway.metrics.GatewayMetrics;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.ycrdt.protocol.AwarenessMessage;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import dev.skein.ycrdt.protocol.MessageCodec;
import dev.skein.ycrdt.protocol.SyncUpdate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients cannot fill the gateway's heap with what they send: 200 clients each send
 * frames of the maximum size (1 MiB here) as fast as the gateway reads them, while the gateway's
 * inbound budget is 16 MiB. What the gateway holds of their bytes (frames still being received,
 * messages waiting) never passes the budget; clients whose bytes would pass it are closed with
 * 4513; when they are gone nothing is left held, and an ordinary client is served as before.
 */
@QuarkusTest
@TestProfile(InboundMemoryProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
class InboundMemoryTest {

    private static final int CLIENTS = 200;
    private static final Duration FLOOD = Duration.ofSeconds(4);

    @TestHTTPResource("/")
    URI base;

    @Inject
    InboundBudget budget;

    @Inject
    GatewayMetrics metrics;

    @Inject
    LiveDelivery delivery;

    @Inject
    SessionRegistry registry;


    @Test
    void twoHundredClientsSendingMaximumFramesStayWithinTheInboundBudget() throws Exception {
        DocServiceStub docService = Stubs.docService(delivery);
        // an awareness state far over max-state-bytes: valid, dropped by the gateway, never produced
        byte[] frame = MessageCodec.encode(new AwarenessMessage(AwarenessUpdate.encode(List.of(
            new AwarenessUpdate.Entry(1, 1, "{\"junk\":\"" + "x".repeat(1_040_000) + "\"}")))));
        assertTrue(frame.length <= 1_048_576);
        byte[] wire = RawWebSocket.encodeFrame(0x2, frame, false);
        double closedBefore = metrics.errorCount("inbound-overload");
        List<RawWebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            sockets.add(RawWebSocket.open(base.getHost(), base.getPort(), "/ws/hostile-" + (i % 20) + "-" + UUID.randomUUID(), null));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.connectionCount() >= CLIENTS);
        AtomicLong maxHeld = new AtomicLong();
        AtomicLong deadline = new AtomicLong(Long.MAX_VALUE);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (RawWebSocket socket : sockets) {
            Thread sender = new Thread(() -> flood(socket, wire, go, deadline), "hostile");
            sender.setDaemon(true);
            senders.add(sender);
            sender.start();
        }
        // every sender is running before the flood starts: starting 200 threads takes a while on two busy cores
        deadline.set(System.nanoTime() + FLOOD.toNanos());
        go.countDown();
        while (System.nanoTime() < deadline.get()) {
            maxHeld.accumulateAndGet(budget.held(), Math::max);
            LockSupport.parkNanos(200_000);
        }
        for (RawWebSocket socket : sockets) {
            socket.close();
        }
        for (Thread sender : senders) {
            sender.join(10_000);
        }
        assertTrue(maxHeld.get() <= budget.limit(), "held " + maxHeld.get() + " of " + budget.limit());
        assertTrue(maxHeld.get() > budget.limit() / 4, "the flood reached the gateway: held at most " + maxHeld.get()
            + "; errors: " + metrics.errorCount("inbound-overload") + " inbound-overload, " + metrics.errorCount("too-big")
            + " too-big, " + metrics.errorCount("malformed") + " malformed");
        assertTrue(metrics.errorCount("inbound-overload") > closedBefore, "clients past the budget were closed (4513)");
        await().atMost(Duration.ofSeconds(20)).until(() -> budget.held() == 0);
        String doc = "after-the-flood-" + UUID.randomUUID();
        byte[] update = TestUpdates.text(5, 0, "still served");
        try (WsClient ordinary = WsClient.connect(base, doc)) {
            ordinary.send(new SyncUpdate(update));
            await().atMost(Duration.ofSeconds(30)).until(() -> docService.updatesOf(doc).stream()
                .anyMatch(u -> java.util.Arrays.equals(u, update)));
        }
    }

    private static void flood(RawWebSocket socket, byte[] wire, CountDownLatch go, AtomicLong deadline) {
        try {
            go.await();
            while (System.nanoTime() < deadline.get()) {
                socket.sendEncoded(wire);
            }
        } catch (IOException e) {
            // closed by the gateway (4513) or by the test at the deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
