package dev.skein.ycrdt.protocol;

import static dev.skein.ycrdt.protocol.Fixtures.bytes;
import static dev.skein.ycrdt.protocol.Fixtures.longs;
import static dev.skein.ycrdt.protocol.Fixtures.num;
import static dev.skein.ycrdt.protocol.Fixtures.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Replays steps recorded from y-protocols' Awareness (kept as y-websocket-server keeps it) against
 * {@link AwarenessStates}, comparing after every step what it broadcast, its states and its clocks.
 */
final class AwarenessReplay {

    private final long[] now = new long[1];
    private final AwarenessStates states = new AwarenessStates(() -> now[0]);

    /** Replays all steps; returns how many were checked. */
    static int replay(List<Map<String, Object>> steps) {
        AwarenessReplay r = new AwarenessReplay();
        for (int i = 0; i < steps.size(); i++) {
            r.step(i, steps.get(i));
        }
        return steps.size();
    }

    @SuppressWarnings("unchecked")
    private void step(int index, Map<String, Object> step) {
        now[0] = num(step, "now");
        String op = str(step, "op");
        String where = "step " + index + " (" + op + ")";
        AwarenessStates.Change change = switch (op) {
            case "apply" -> states.apply(bytes(step, "update"));
            case "remove" -> states.remove(longs(step.get("clients")));
            case "timeout" -> states.removeOutdated();
            case "encode" -> {
                assertArrayEquals(bytes(step, "update"), states.encode(longs(step.get("clients"))), where);
                yield null;
            }
            default -> throw new IllegalArgumentException(op);
        };
        Map<String, Object> event = (Map<String, Object>) step.get("event");
        if (change != null) {
            if (event == null) {
                assertTrue(change.isEmpty(), where + ": no change expected, got " + change);
                assertEquals(0, change.update().length, where);
            } else {
                assertEquals(longs(event.get("added")), change.added(), where + " added");
                assertEquals(longs(event.get("updated")), change.updated(), where + " updated");
                assertEquals(longs(event.get("removed")), change.removed(), where + " removed");
                assertArrayEquals(bytes(event, "update"), change.update(), where + " broadcast");
            }
        }
        List<Object> expectedStates = new ArrayList<>();
        for (Object pair : (List<Object>) step.get("states")) {
            List<Object> p = (List<Object>) pair;
            expectedStates.add(List.of(num(p.get(0)), p.get(1)));
        }
        List<Object> actualStates = new ArrayList<>();
        states.snapshot().forEach((id, json) -> actualStates.add(List.of(id, json)));
        assertEquals(expectedStates, actualStates, where + " states");
        for (Object pair : (List<Object>) step.get("clocks")) {
            List<Object> p = (List<Object>) pair;
            assertEquals(OptionalLong.of(num(p.get(1))), states.clock(num(p.get(0))), where + " clock of " + p.get(0));
        }
    }
}
