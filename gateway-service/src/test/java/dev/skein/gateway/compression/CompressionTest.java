package dev.skein.gateway.compression;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.gateway.DocServiceStub;
import dev.skein.gateway.RawWebSocket;
import dev.skein.gateway.Stubs;
import dev.skein.gateway.TestUpdates;
import dev.skein.gateway.WsClient;
import dev.skein.gateway.delivery.LiveDelivery;
import dev.skein.gateway.session.CloseCodes;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.ycrdt.protocol.Message;
import dev.skein.ycrdt.protocol.MessageCodec;
import dev.skein.ycrdt.protocol.SyncStep1;
import dev.skein.ycrdt.protocol.SyncStep2;
import dev.skein.ycrdt.protocol.SyncUpdate;
import dev.skein.ycrdt.update.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compression as browsers get it: every browser offers permessage-deflate; the gateway agrees to
 * it without context takeover on either side, sends small messages as they are and large ones
 * compressed, and inflates what the client compresses. Seen on the wire with {@link RawWebSocket}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class CompressionTest {

    private static final String CHROMIUM_OFFER = "permessage-deflate; client_max_window_bits";
    private static final byte[] EMPTY_STATE_VECTOR = {0};

    @TestHTTPResource("/")
    URI base;

    @Inject
    LiveDelivery delivery;

    @Inject
    MeterRegistry meters;

    private DocServiceStub docService;

    @BeforeEach
    void stub() {
        docService = Stubs.docService(delivery);
        docService.answering(true);
    }

    /** One message as it arrived: decoded, and whether its frame was compressed. */
    private record Received(Message message, boolean compressed, int wireBytes) {
    }

    @Test
    void aBrowsersOfferIsAgreedWithoutContextTakeoverSmallMessagesGoAsTheyAreLargeOnesCompressed() throws Exception {
        String doc = newDoc();
        byte[] big = storeBigUpdate(doc);
        try (RawWebSocket browser = open(doc, CHROMIUM_OFFER)) {
            assertEquals(DeflateNegotiation.AGREED, browser.agreedExtensions());
            // the browser compresses everything it sends
            browser.sendBinary(MessageCodec.encode(new SyncStep1(EMPTY_STATE_VECTOR)), true);
            List<Received> sync = readUntilSyncStep1(browser);
            Received step2 = sync.stream().filter(r -> r.message() instanceof SyncStep2).findFirst().orElseThrow();
            assertTrue(step2.compressed(), "the sync answer (large) is compressed");
            assertTrue(step2.wireBytes() < big.length / 2, "and smaller on the wire: " + step2.wireBytes());
            assertArrayEquals(Updates.encodeStateVectorFromUpdate(big),
                Updates.encodeStateVectorFromUpdate(((SyncStep2) step2.message()).update()));
            Received step1 = sync.get(sync.size() - 1);
            assertFalse(step1.compressed(), "the server's state vector (small) goes as it is");

            // a small update from another client arrives as it is
            byte[] keystroke = TestUpdates.text(2, 0, "k");
            try (WsClient other = WsClient.connect(base, doc)) {
                other.send(new SyncUpdate(keystroke));
                Received update = readUntil(browser, m -> m instanceof SyncUpdate);
                assertFalse(update.compressed());
                assertArrayEquals(keystroke, ((SyncUpdate) update.message()).update());
            }

            // what the browser sends compressed is inflated and produced
            byte[] typed = TestUpdates.text(3, 0, "typed in a browser");
            browser.sendBinary(MessageCodec.encode(new SyncUpdate(typed)), true);
            await().atMost(Duration.ofSeconds(20)).until(() -> containsUpdate(doc, typed));
        }
    }

    @Test
    void aLargeMessageToManyReadersIsCompressedOncePerEventLoopAndArrivesWholeAtEach() throws Exception {
        String doc = newDoc();
        // more readers than the gateway has event loops (2 per core): some share one
        int readers = 2 * Runtime.getRuntime().availableProcessors() + 1;
        List<RawWebSocket> browsers = new ArrayList<>();
        try {
            for (int i = 0; i < readers; i++) {
                RawWebSocket browser = open(doc, CHROMIUM_OFFER);
                browsers.add(browser);
                browser.sendBinary(MessageCodec.encode(new SyncStep1(EMPTY_STATE_VECTOR)), true);
                readUntilSyncStep1(browser);
            }
            double reusedBefore = reused();
            byte[] paste = TestUpdates.text(9, 0, words(20_000, 9));
            try (WsClient writer = WsClient.connect(base, doc)) {
                writer.send(new SyncUpdate(paste));
                for (RawWebSocket browser : browsers) {
                    Received update = readUntil(browser, m -> m instanceof SyncUpdate);
                    assertTrue(update.compressed());
                    assertArrayEquals(paste, ((SyncUpdate) update.message()).update());
                }
            }
            assertTrue(reused() - reusedBefore >= 1, "compressed once for the readers of one event loop");
        } finally {
            for (RawWebSocket browser : browsers) {
                browser.close();
            }
        }
    }

    private double reused() {
        return meters.find("skein.gateway.deflate.reused").counter().count();
    }

    @Test
    void aClientThatOffersNoExtensionGetsNone() throws Exception {
        String doc = newDoc();
        storeBigUpdate(doc);
        try (RawWebSocket plain = open(doc, null)) {
            assertNull(plain.agreedExtensions());
            plain.sendBinary(MessageCodec.encode(new SyncStep1(EMPTY_STATE_VECTOR)), false);
            for (Received received : readUntilSyncStep1(plain)) {
                assertFalse(received.compressed(), "nothing is compressed without the extension");
            }
        }
    }

    @Test
    void oddParametersAreServedOrTheExtensionDeclinedCleanly() throws Exception {
        String doc = newDoc();
        storeBigUpdate(doc);
        // small client window and no context takeover on either side: agreed, and served
        try (RawWebSocket odd = open(doc, "permessage-deflate; client_max_window_bits=8; client_no_context_takeover; "
                + "server_no_context_takeover")) {
            assertEquals(DeflateNegotiation.AGREED, odd.agreedExtensions());
            odd.sendBinary(MessageCodec.encode(new SyncStep1(EMPTY_STATE_VECTOR)), true);
            assertTrue(readUntilSyncStep1(odd).stream().anyMatch(r -> r.message() instanceof SyncStep2 && r.compressed()));
            byte[] typed = TestUpdates.text(4, 0, "odd but fine");
            odd.sendBinary(MessageCodec.encode(new SyncUpdate(typed)), true);
            await().atMost(Duration.ofSeconds(20)).until(() -> containsUpdate(doc, typed));
        }
        // a smaller server window cannot be kept (the JDK's deflater writes 15-bit windows): no extension
        try (RawWebSocket small = open(doc, "permessage-deflate; server_max_window_bits=10")) {
            assertNull(small.agreedExtensions());
            small.sendBinary(MessageCodec.encode(new SyncStep1(EMPTY_STATE_VECTOR)), false);
            assertTrue(readUntilSyncStep1(small).stream().noneMatch(Received::compressed));
        }
    }

    @Test
    void aCompressedMessageThatInflatesPastTheLimitClosesWith4413() throws Exception {
        try (RawWebSocket bomb = open(newDoc(), CHROMIUM_OFFER)) {
            // 5 MiB of zeros deflate to a few KiB; the limit is 4 MiB
            byte[] message = MessageCodec.encode(new SyncUpdate(new byte[5 << 20]));
            bomb.sendFrame(0x2, RawWebSocket.deflate(message), true);
            assertEquals(CloseCodes.MESSAGE_TOO_BIG, readCloseCode(bomb));
        }
    }

    @Test
    void aCompressedMessageThatDoesNotInflateClosesWith4422() throws Exception {
        try (RawWebSocket corrupt = open(newDoc(), CHROMIUM_OFFER)) {
            byte[] garbage = new byte[64];
            new Random(7).nextBytes(garbage);
            garbage[0] = (byte) 0xff; // an invalid deflate block type
            corrupt.sendFrame(0x2, garbage, true);
            assertEquals(CloseCodes.MALFORMED_MESSAGE, readCloseCode(corrupt));
        }
    }

    private RawWebSocket open(String doc, String offer) throws IOException {
        return RawWebSocket.open(base.getHost(), base.getPort(), "/ws/" + doc, offer);
    }

    /** Stores a 60 KB text update of the document (through an ordinary client) and returns it. */
    private byte[] storeBigUpdate(String doc) {
        byte[] update = TestUpdates.text(1, 0, words(60_000, 42));
        try (WsClient writer = WsClient.connect(base, doc)) {
            writer.send(new SyncUpdate(update));
            await().atMost(Duration.ofSeconds(20)).until(() -> containsUpdate(doc, update));
        }
        return update;
    }

    private static String words(int length, long seed) {
        StringBuilder text = new StringBuilder();
        Random random = new Random(seed);
        String[] words = {"collaborative ", "editing ", "with ", "yjs ", "and ", "kafka ", "documents ", "skein "};
        while (text.length() < length) {
            text.append(words[random.nextInt(words.length)]);
        }
        return text.toString();
    }

    private boolean containsUpdate(String doc, byte[] update) {
        return docService.updatesOf(doc).stream().anyMatch(u -> java.util.Arrays.equals(u, update));
    }

    private static List<Received> readUntilSyncStep1(RawWebSocket ws) throws IOException {
        List<Received> received = new ArrayList<>();
        while (received.isEmpty() || !(received.get(received.size() - 1).message() instanceof SyncStep1)) {
            received.add(next(ws));
        }
        return received;
    }

    private static Received readUntil(RawWebSocket ws, java.util.function.Predicate<Message> wanted) throws IOException {
        while (true) {
            Received received = next(ws);
            if (wanted.test(received.message())) {
                return received;
            }
        }
    }

    private static Received next(RawWebSocket ws) throws IOException {
        while (true) {
            RawWebSocket.Frame frame = ws.readFrame();
            if (frame.opcode() == 0x2) {
                return new Received(MessageCodec.decode(RawWebSocket.message(frame)), frame.rsv1(), frame.payload().length);
            }
            if (frame.opcode() == 0x8) {
                throw new IOException("closed with " + frame.closeCode());
            }
        }
    }

    private static int readCloseCode(RawWebSocket ws) throws IOException {
        while (true) {
            RawWebSocket.Frame frame = ws.readFrame();
            if (frame.opcode() == 0x8) {
                return frame.closeCode();
            }
        }
    }

    private static String newDoc() {
        return "deflate-" + UUID.randomUUID();
    }
}
