package dev.skein.gateway.session;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.gateway.DocServiceStub;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.gateway.Stubs;
import dev.skein.gateway.TestUpdates;
import dev.skein.gateway.WsClient;
import dev.skein.gateway.delivery.LiveDelivery;
import dev.skein.gateway.metrics.GatewayMetrics;
import dev.skein.gateway.session.CloseCodes;
import dev.skein.ycrdt.protocol.SyncUpdate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Frame size, outbound queue, rate and connection limits: a client over the rate is paced, one that
 * does not read is paused and then closed, the others close with their documented codes.
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
class LimitsTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    LiveDelivery delivery;

    @Inject
    SessionRegistry registry;

    @Inject
    GatewayMetrics metrics;

    private DocServiceStub docService;

    @BeforeEach
    void stub() {
        docService = Stubs.docService(delivery);
    }

    private static String newDoc() {
        return "limits-" + UUID.randomUUID();
    }

    /**
     * A client that completes the WebSocket handshake on a 4 KiB receive buffer and then reads
     * nothing until the test does: its outbound queue in the gateway grows as soon as others write.
     */
    private Socket connectWithoutReading(String doc) throws java.io.IOException {
        Socket slow = new Socket();
        slow.setReceiveBufferSize(4096);
        slow.connect(new java.net.InetSocketAddress("127.0.0.1", base.getPort()));
        OutputStream out = slow.getOutputStream();
        out.write(("GET /ws/" + doc + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.sessionsOf(doc).size() == 1);
        return slow;
    }

    @Test
    void framesGoStraightToTheSocketAndReadingCanPauseWithThisQuarkus() {
        // the slow-consumer bound below relies on the same completion of direct writes
        String doc = newDoc();
        try (WsClient client = WsClient.connect(base, doc)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !registry.sessionsOf(doc).isEmpty());
            Session session = registry.sessionsOf(doc).iterator().next();
            assertTrue(session.writesDirectly(),
                "the socket accessor of this Quarkus version was not found: frames take the slower sendBinary");
            assertTrue(session.writesPreparedFrames(),
                "no WebSocket frame encoder in the connection's pipeline: every frame is built and encoded per connection");
            assertTrue(session.readingCanPause(),
                "the Netty channel under the socket was not found: clients over a limit cannot be paced ");
        }
    }

    @Test
    void oversizedFrameClosesWith4413AndProducesNothing() {
        String doc = newDoc();
        try (WsClient client = WsClient.connect(base, doc)) {
            client.send(new SyncUpdate(TestUpdates.text(1, 0, "x".repeat(300_000))));
            assertEquals(CloseCodes.MESSAGE_TOO_BIG, client.awaitCloseCode());
        }
        assertOnlySentinelProduced(doc);
    }

    @Test
    void clientThatNeverReadsIsPausedThenClosedAndItsQueueBounded() throws Exception {
        String doc = newDoc();
        double before = metrics.errorCount("slow-consumer");
        double pausesBefore = metrics.pauseCount("outbound");
        try (Socket slow = connectWithoutReading(doc)) {
            Session slowSession = registry.sessionsOf(doc).iterator().next();
            try (WsClient writer = WsClient.connect(base, doc)) {
                String chunk = "y".repeat(100_000);
                int clock = 0;
                boolean sawPause = false;
                for (int i = 0; i < 90 && slowSession.isOpen(); i++) {
                    writer.send(new SyncUpdate(TestUpdates.text(1, clock, chunk)));
                    clock += chunk.length();
                    // twice the bound (1 MiB) plus the frame that found it full
                    assertTrue(slowSession.queuedBytes() <= 2 * 1_048_576 + 200_000, "queue stays bounded");
                    sawPause |= slowSession.readingPaused();
                    if (i % 40 == 39) {
                        await().atMost(Duration.ofSeconds(5)).until(() -> !slowSession.isOpen()
                            || docService.updatesOf(doc).size() >= 39);
                    }
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> !slowSession.isOpen());
                assertTrue(sawPause || metrics.pauseCount("outbound") > pausesBefore,
                    "reading from the slow client was paused before it was closed");
                assertTrue(metrics.errorCount("slow-consumer") > before);
                assertEquals(1, registry.sessionsOf(doc).size(), "only the writer is left");
                assertFalse(writer.isClosed(), "the writer is untouched");
            }
        }
    }

    @Test
    void clientBehindOnItsQueueIsPausedNotClosedBelowTheCloseBoundAndResumesOnceItReads() throws Exception {
        // LimitsProfile: paused past 256 KiB, closed only past 1 MiB for 3 s (or at 2 MiB)
        String doc = newDoc();
        double before = metrics.errorCount("slow-consumer");
        try (Socket slow = connectWithoutReading(doc)) {
            Session behind = registry.sessionsOf(doc).iterator().next();
            try (WsClient writer = WsClient.connect(base, doc)) {
                String chunk = "z".repeat(100_000);
                int clock = 0;
                for (int i = 0; i < 40 && !behind.readingPaused(); i++) {
                    writer.send(new SyncUpdate(TestUpdates.text(1, clock, chunk)));
                    clock += chunk.length();
                    int sentSoFar = i + 1;
                    await().atMost(Duration.ofSeconds(5)).until(() -> docService.updatesOf(doc).size() >= sentSoFar);
                }
                assertTrue(behind.readingPaused(), "reading from the client behind was paused");
                assertTrue(behind.queuedBytes() < 1_048_576, "the queue stayed under the close bound");
                // past the stall timeout (3 s): under the close bound, pausing alone never closes
                Thread.sleep(4_500);
                assertTrue(behind.isOpen(), "a client paused under the close bound is not closed");
                assertEquals(before, metrics.errorCount("slow-consumer"));
                Thread readAll = new Thread(() -> {
                    byte[] buffer = new byte[65536];
                    try {
                        while (slow.getInputStream().read(buffer) >= 0) {
                            // the client catches up
                        }
                    } catch (java.io.IOException closed) {
                        // the socket closed at the end of the test
                    }
                });
                readAll.setDaemon(true);
                readAll.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> behind.queuedBytes() == 0 && !behind.readingPaused());
                assertTrue(behind.isOpen());
                assertFalse(writer.isClosed(), "the writer is untouched");
            }
        }
    }

    @Test
    void clientOverTheMessageRateIsPacedNotClosed() {
        // LimitsProfile: 50 messages/s, a burst of 100
        String doc = newDoc();
        double pausesBefore = metrics.pauseCount("rate");
        int messages = 300;
        long start = System.nanoTime();
        try (WsClient client = WsClient.connect(base, doc)) {
            for (int i = 0; i < messages; i++) {
                client.send(new SyncUpdate(TestUpdates.text(7, i, "k")));
            }
            // a paced client's waiting updates may be merged into fewer records: count keystrokes by clock
            await().atMost(Duration.ofSeconds(30)).until(() -> docService.clockOf(doc, 7) == messages);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertFalse(client.isClosed(), "a fast client is paced, not closed");
            assertTrue(metrics.pauseCount("rate") > pausesBefore, "reading was paused");
            assertTrue(registry.sessionsOf(doc).iterator().next().readsSmall(), "a paced client is read in small bites");
            // the burst (100) passes at once, the other 200 at 50 a second: the rate held
            assertTrue(seconds >= 0.9 * (messages - 100) / 50.0, "all " + messages + " arrived in " + seconds + " s");
        }
    }

    @Test
    void connectionsPerDocumentAreLimited() {
        String doc = newDoc();
        try (WsClient first = WsClient.connect(base, doc); WsClient second = WsClient.connect(base, doc);
                WsClient third = WsClient.connect(base, doc)) {
            assertEquals(CloseCodes.DOCUMENT_FULL, third.awaitCloseCode());
            assertTrue(!first.isClosed() && !second.isClosed());
        }
    }

    private void assertOnlySentinelProduced(String doc) {
        byte[] sentinel = TestUpdates.text(99, 0, "sentinel");
        try (WsClient client = WsClient.connect(base, doc)) {
            client.send(new SyncUpdate(sentinel));
            await().atMost(Duration.ofSeconds(20)).until(() -> !docService.updatesOf(doc).isEmpty());
            assertEquals(1, docService.updatesOf(doc).size());
        }
    }
}
