package dev.skein.gateway.protocol;

import dev.skein.gateway.session.CloseCodes;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.gateway.DocServiceStub;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.gateway.Stubs;
import dev.skein.gateway.TestUpdates;
import dev.skein.gateway.WsClient;
import dev.skein.gateway.delivery.LiveDelivery;
import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.protocol.MessageCodec;
import dev.skein.ycrdt.protocol.SyncUpdate;
import dev.skein.ycrdt.update.Updates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hostile input closes the connection with its documented code and produces nothing. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class BadInputTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    LiveDelivery delivery;

    private DocServiceStub docService;

    @BeforeEach
    void stub() {
        docService = Stubs.docService(delivery);
    }

    @Test
    void randomAndTruncatedFramesCloseWith4422AndProduceNothing() {
        String doc = "bad-" + UUID.randomUUID();
        for (byte[] frame : malformedFrames()) {
            try (WsClient client = WsClient.connect(base, doc)) {
                client.sendRaw(frame);
                assertEquals(CloseCodes.MALFORMED_MESSAGE, client.awaitCloseCode(), "frame " + Arrays.toString(frame));
            }
        }
        byte[] sentinel = TestUpdates.text(5, 0, "ok");
        try (WsClient client = WsClient.connect(base, doc)) {
            client.send(new SyncUpdate(sentinel));
            await().atMost(Duration.ofSeconds(20)).until(() -> !docService.updatesOf(doc).isEmpty());
        }
        assertEquals(1, docService.updatesOf(doc).size(), "only the valid update reached Kafka");
        assertArrayEquals(sentinel, docService.updatesOf(doc).get(0));
    }

    @Test
    void invalidDocumentIdsAreRefused() {
        for (String id : List.of("a".repeat(129), "%C3%A4", "a%20b", "a~b%2Fc")) {
            try (WsClient client = WsClient.connect(base, id)) {
                assertEquals(CloseCodes.INVALID_DOCUMENT_ID, client.awaitCloseCode(), id);
            }
        }
        assertRefused("..");
        assertRefused("d".repeat(10_000));
        assertTrue(docService.requests().stream().noneMatch(r -> r.docId().length() > 128));
    }

    /** Refused either by the gateway (4400) or before the upgrade (HTTP 404 or 414). */
    private void assertRefused(String id) {
        boolean refused;
        try (WsClient client = WsClient.connect(base, id)) {
            refused = client.awaitCloseCode() == CloseCodes.INVALID_DOCUMENT_ID;
        } catch (RuntimeException e) {
            refused = true;
        }
        assertTrue(refused, "document id of length " + id.length() + " is refused");
    }

    private static List<byte[]> malformedFrames() {
        List<byte[]> frames = new ArrayList<>();
        byte[] valid = MessageCodec.encode(new SyncUpdate(TestUpdates.text(3, 0, "hello")));
        for (int cut = 1; cut < valid.length; cut += 3) {
            frames.add(Arrays.copyOf(valid, cut));
        }
        frames.add(new byte[0]);
        frames.add(new byte[] {0, 0, 5, 3, 1});
        frames.add(new byte[] {1, 4, 1, 1, 1, '{'});
        frames.add(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        Random random = new Random(42);
        while (frames.size() < 40) {
            byte[] payload = new byte[1 + random.nextInt(60)];
            random.nextBytes(payload);
            if (!validUpdate(payload)) {
                frames.add(MessageCodec.encode(new SyncUpdate(payload)));
            }
        }
        return frames;
    }

    private static boolean validUpdate(byte[] payload) {
        try {
            Updates.validateUpdate(payload);
            return true;
        } catch (YDecodingException | IllegalArgumentException e) {
            return false;
        }
    }
}
