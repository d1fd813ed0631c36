package dev.skein.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the close codes: clients and dashboards depend on them. */
class CloseCodesTest {

    @Test
    void values() {
        assertEquals(1001, CloseCodes.GOING_AWAY);
        assertEquals(1011, CloseCodes.INTERNAL_ERROR);
        assertEquals(1013, CloseCodes.TRY_AGAIN_LATER);
        assertEquals(4400, CloseCodes.INVALID_DOCUMENT_ID);
        assertEquals(4401, CloseCodes.UNAUTHORIZED);
        assertEquals(4403, CloseCodes.FORBIDDEN);
        assertEquals(4413, CloseCodes.MESSAGE_TOO_BIG);
        assertEquals(4422, CloseCodes.MALFORMED_MESSAGE);
        assertEquals(4508, CloseCodes.SLOW_CONSUMER);
        assertEquals(4509, CloseCodes.DOCUMENT_FULL);
        assertEquals(4513, CloseCodes.INBOUND_OVERLOAD);
        assertEquals(4529, CloseCodes.RATE_LIMITED);
    }

    /** y-websocket 3.1 gives up for good on 4400–4499: only refusals a reconnect would repeat may use them. */
    @Test
    void transientConditionsUseCodesTheStockProviderReconnectsOn() {
        for (int code : List.of(CloseCodes.GOING_AWAY, CloseCodes.INTERNAL_ERROR, CloseCodes.TRY_AGAIN_LATER,
                CloseCodes.SLOW_CONSUMER, CloseCodes.DOCUMENT_FULL, CloseCodes.INBOUND_OVERLOAD, CloseCodes.RATE_LIMITED)) {
            assertFalse(CloseCodes.stopsStockProvider(code), code + " must make the stock provider reconnect");
        }
        for (int code : List.of(CloseCodes.INVALID_DOCUMENT_ID, CloseCodes.UNAUTHORIZED, CloseCodes.FORBIDDEN,
                CloseCodes.MESSAGE_TOO_BIG, CloseCodes.MALFORMED_MESSAGE)) {
            assertTrue(CloseCodes.stopsStockProvider(code), code + " is a refusal a reconnect would only repeat");
        }
    }

    /** Every constant is in one of the two lists above, so a new code cannot skip the decision. */
    @Test
    void everyCodeIsClassified() throws IllegalAccessException {
        int count = 0;
        for (Field field : CloseCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                count++;
            }
        }
        assertEquals(12, count, "a close code was added or removed: classify it in the test above and in the READMEs");
    }
}
