package dev.skein.ycrdt.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.protocol.AwarenessStates.Change;
import dev.skein.ycrdt.protocol.AwarenessUpdate.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AwarenessStatesTest {

    private long now = 1_000;
    private final AwarenessStates states = new AwarenessStates(() -> now);

    private static List<Entry> entries(Entry... e) {
        return List.of(e);
    }

    private Change apply(Entry... e) {
        return states.apply(AwarenessUpdate.encode(List.of(e)));
    }

    @Test
    void anEntryWinsOnlyWithANewerClock() {
        assertEquals(List.of(1L), apply(new Entry(1, 1, "{\"v\":1}")).added());
        assertTrue(apply(new Entry(1, 1, "{\"v\":2}")).isEmpty());
        assertTrue(apply(new Entry(1, 0, "{\"v\":3}")).isEmpty());
        assertEquals(List.of(1L), apply(new Entry(1, 5, "{\"v\":4}")).updated());
        assertEquals(Map.of(1L, "{\"v\":4}"), states.snapshot());
        assertEquals(OptionalLong.of(5), states.clock(1));
    }

    @Test
    void aNewClientAtClockZeroIsIgnoredAsInYProtocols() {
        assertTrue(apply(new Entry(7, 0, "{}")).isEmpty());
        assertEquals(OptionalLong.empty(), states.clock(7));
    }

    @Test
    void aRemovalAtTheSameClockIsAcceptedWhileAStateIsHeld() {
        apply(new Entry(1, 3, "{}"));
        Change removal = apply(Entry.removal(1, 3));
        assertEquals(List.of(1L), removal.removed());
        assertArrayEquals(AwarenessUpdate.encode(entries(Entry.removal(1, 3))), removal.update());
        // nothing left to remove at that clock
        assertTrue(apply(Entry.removal(1, 3)).isEmpty());
        assertEquals(Map.of(), states.snapshot());
    }

    @Test
    void aRemovalOfAnUnknownClientOnlyRecordsItsClock() {
        assertTrue(apply(Entry.removal(9, 4)).isEmpty());
        assertEquals(OptionalLong.of(4), states.clock(9));
        assertTrue(apply(new Entry(9, 4, "{\"late\":true}")).isEmpty(), "stale state after the removal");
        // seen before, so it counts as updated, not added
        assertEquals(List.of(9L), apply(new Entry(9, 5, "{}")).updated());
    }

    @Test
    void statesAreKeptAsJavaScriptReSerialisesThem() {
        apply(new Entry(1, 1, " { \"b\" : 1.50, \"2\": [ 1e2 ], \"a\" : \"\\u00e9\", \"b\": -0 } "));
        assertEquals("{\"2\":[100],\"b\":0,\"a\":\"é\"}", states.snapshot().get(1L));
    }

    @Test
    void falsyStatesAreStoredButSentAsNull() {
        Change change = apply(new Entry(1, 1, "0"), new Entry(2, 1, "false"), new Entry(3, 1, "\"\""),
                new Entry(4, 1, "1e400"));
        assertEquals(List.of(1L, 2L, 3L, 4L), change.added());
        assertEquals(Map.of(1L, "0", 2L, "false", 3L, "\"\"", 4L, "null"), states.snapshot());
        List<Entry> sent = AwarenessUpdate.decode(change.update());
        assertTrue(sent.stream().allMatch(Entry::removed), sent.toString());
    }

    @Test
    void removeDropsHeldStatesWithoutBumpingClocks() {
        apply(new Entry(1, 2, "{}"), new Entry(2, 3, "{}"));
        Change change = states.remove(List.of(2L, 5L, 2L));
        assertEquals(List.of(2L), change.removed());
        assertArrayEquals(AwarenessUpdate.encode(entries(Entry.removal(2, 3))), change.update());
        assertEquals(OptionalLong.of(3), states.clock(2));
        assertTrue(states.remove(List.of(2L)).isEmpty());
        assertEquals(Map.of(1L, "{}"), states.snapshot());
    }

    @Test
    void clientsTimeOutThirtySecondsAfterTheirLastAcceptedEntry() {
        apply(new Entry(1, 1, "{}"), new Entry(2, 1, "{}"));
        now += 10_000;
        apply(new Entry(2, 2, "{}"));
        apply(new Entry(2, 2, "{\"stale\":1}")); // rejected entries do not renew
        now += 19_999;
        assertTrue(states.removeOutdated().isEmpty());
        now += 1;
        assertEquals(List.of(1L), states.removeOutdated().removed());
        now += 10_000;
        assertEquals(List.of(2L), states.removeOutdated().removed());
        assertTrue(states.removeOutdated().isEmpty());
    }

    @Test
    void aCustomTimeoutIsHonoured() {
        apply(new Entry(1, 1, "{}"));
        now += 500;
        assertEquals(List.of(1L), states.removeOutdated(500).removed());
    }

    @Test
    void encodeWritesCurrentClocksAndStatesInTheOrderAsked() {
        apply(new Entry(1, 4, "{\"a\":1}"), new Entry(2, 6, "[]"));
        states.remove(List.of(2L));
        byte[] expected = AwarenessUpdate.encode(
                List.of(Entry.removal(2, 6), new Entry(1, 4, "{\"a\":1}"), Entry.removal(2, 6)));
        assertArrayEquals(expected, states.encode(List.of(2L, 1L, 2L)));
        assertThrows(IllegalArgumentException.class, () -> states.encode(List.of(3L)));
    }

    @Test
    void encodeAllFollowsJavaScriptMapOrder() {
        apply(new Entry(3, 1, "{}"), new Entry(1, 1, "{}"), new Entry(2, 1, "{}"));
        apply(Entry.removal(3, 1));
        apply(new Entry(3, 2, "{}"), new Entry(1, 2, "{\"x\":1}"));
        assertEquals(List.of(1L, 2L, 3L), List.copyOf(states.snapshot().keySet()));
        assertArrayEquals(states.encode(List.of(1L, 2L, 3L)), states.encodeAll());
        assertArrayEquals(new byte[] {0}, new AwarenessStates().encodeAll());
    }

    @Test
    void aMalformedUpdateChangesNothing() {
        byte[] update = AwarenessUpdate.encode(List.of(new Entry(1, 1, "{}"), new Entry(2, 1, "{oops")));
        assertThrows(YDecodingException.class, () -> states.apply(update));
        assertThrows(YDecodingException.class, () -> states.apply(AwarenessUpdate.decode(update, false)));
        assertEquals(Map.of(), states.snapshot());
        assertEquals(OptionalLong.empty(), states.clock(1));
    }

    @Test
    void aClientListedTwiceInOneUpdateIsReportedTwice() {
        Change change = apply(new Entry(1, 1, "{\"a\":1}"), new Entry(1, 2, "{\"a\":2}"));
        assertEquals(List.of(1L), change.added());
        assertEquals(List.of(1L), change.updated());
        assertEquals(List.of(1L, 1L), change.clients());
        assertArrayEquals(states.encode(List.of(1L, 1L)), change.update());
    }

    @Test
    void changesHaveValueSemantics() {
        Change a = new Change(List.of(1L), List.of(), List.of(2L), new byte[] {1, 2});
        Change b = new Change(List.of(1L), List.of(), List.of(2L), new byte[] {1, 2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new Change(List.of(1L), List.of(), List.of(2L), new byte[] {1, 3}));
        assertEquals("Change[added=[1], updated=[], removed=[2], update=2 bytes 0x0102]", a.toString());
        assertTrue(states.remove(List.of()).isEmpty());
        assertEquals(0, states.remove(List.of()).update().length);
    }

    @Test
    @Timeout(60)
    void concurrentAppliesLoseNothing() throws Exception {
        AwarenessStates shared = new AwarenessStates(() -> 0);
        int threads = 4;
        int rounds = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long client = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int clock = 1; clock <= rounds; clock++) {
                        shared.apply(List.of(new Entry(client, clock, "{\"c\":" + clock + "}"),
                                new Entry(99, clock, "{}")));
                        shared.encodeAll();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (long client = 0; client < threads; client++) {
            assertEquals(OptionalLong.of(rounds), shared.clock(client));
            assertEquals("{\"c\":" + rounds + "}", shared.snapshot().get(client));
        }
        assertEquals(OptionalLong.of(rounds), shared.clock(99));
    }
}
