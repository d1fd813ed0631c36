package dev.skein.ycrdt.protocol;

import static dev.skein.ycrdt.protocol.Fixtures.bytes;
import static dev.skein.ycrdt.protocol.Fixtures.num;
import static dev.skein.ycrdt.protocol.Fixtures.objects;
import static dev.skein.ycrdt.protocol.Fixtures.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the codec against golden.json, written by gen-golden.mjs with the real yjs, y-protocols
 * and lib0 packages: every golden frame decodes to the values it was built from, and those values
 * encode back to the same bytes.
 */
class GoldenFixtureTest {

    private static final Map<String, Object> GOLDEN = Fixtures.resource("/protocol/golden.json");

    static Stream<Arguments> messages() {
        return objects(GOLDEN, "messages").stream().map(m -> Arguments.of(str(m, "name"), m));
    }

    @Test
    void fixtureWasMadeWithThePinnedPackages() {
        @SuppressWarnings("unchecked")
        Map<String, Object> packages = (Map<String, Object>) GOLDEN.get("packages");
        assertEquals(Map.of("yjs", "13.6.33", "y-protocols", "1.0.7", "lib0", "0.2.114"), packages);
    }

    @Test
    void constantsMatchTheReferencePackages() {
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) GOLDEN.get("constants");
        assertEquals(num(c, "messageSync"), MessageType.SYNC);
        assertEquals(num(c, "messageAwareness"), MessageType.AWARENESS);
        assertEquals(num(c, "messageAuth"), MessageType.AUTH);
        assertEquals(num(c, "messageQueryAwareness"), MessageType.QUERY_AWARENESS);
        assertEquals(num(c, "messageYjsSyncStep1"), MessageType.SYNC_STEP1);
        assertEquals(num(c, "messageYjsSyncStep2"), MessageType.SYNC_STEP2);
        assertEquals(num(c, "messageYjsUpdate"), MessageType.SYNC_UPDATE);
        assertEquals(num(c, "messagePermissionDenied"), MessageType.AUTH_PERMISSION_DENIED);
        assertEquals(num(c, "outdatedTimeout"), AwarenessStates.OUTDATED_TIMEOUT_MILLIS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void decodesAndEncodesGoldenFrame(String name, Map<String, Object> m) {
        byte[] frame = bytes(m, "frame");
        Message decoded = MessageCodec.decode(frame);
        Message expected = Fixtures.message(m, decoded);
        assertEquals(expected, decoded);
        assertArrayEquals(frame, MessageCodec.encode(expected));
        if (decoded instanceof AwarenessMessage a) {
            List<AwarenessUpdate.Entry> entries = Fixtures.entries(objects(m, "entries"));
            assertEquals(entries, AwarenessUpdate.decode(a.awarenessUpdate()));
            assertArrayEquals(a.awarenessUpdate(), AwarenessUpdate.encode(entries));
        }
    }

    @Test
    void goldenCoversEveryKindAndTheBoundaries() {
        List<Map<String, Object>> messages = objects(GOLDEN, "messages");
        List<String> kinds =
                List.of("syncStep1", "syncStep2", "syncUpdate", "awareness", "auth", "queryAwareness", "custom");
        for (String kind : kinds) {
            assertTrue(messages.stream().anyMatch(m -> kind.equals(str(m, "kind"))), kind);
        }
        List<AwarenessUpdate.Entry> all = messages.stream().filter(m -> m.containsKey("entries"))
                .flatMap(m -> Fixtures.entries(objects(m, "entries")).stream()).toList();
        assertTrue(all.stream().anyMatch(e -> e.clientId() >= 1L << 31), "client id >= 2^31");
        assertTrue(all.stream().anyMatch(e -> e.clientId() == 0xFFFFFFFFL), "client id 2^32-1");
        assertTrue(all.stream().anyMatch(AwarenessUpdate.Entry::removed), "a removal");
        assertTrue(all.stream().anyMatch(e -> e.clock() == (1L << 53) - 1), "clock 2^53-1");
        assertTrue(all.stream().anyMatch(e -> e.stateJson().codePoints().anyMatch(Character::isSupplementaryCodePoint)),
                "a state beyond the BMP");
        assertTrue(messages.stream().anyMatch(m -> m.containsKey("payloadLength")
                        && num(m, "payloadLength") >= 1 << 14),
                "a payload whose length takes 3 bytes");
    }

    @Test
    void awarenessScenarioMatchesYProtocols() {
        assertEquals(8, AwarenessReplay.replay(objects(GOLDEN, "awarenessScenario")));
    }
}
