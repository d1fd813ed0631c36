package dev.skein.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Pins the close codes: clients and dashboards depend on them. */
class CloseCodesTest {

    @Test
    void values() {
        assertEquals(1001, CloseCodes.GOING_AWAY);
        assertEquals(1009, CloseCodes.MESSAGE_TOO_BIG);
        assertEquals(1011, CloseCodes.INTERNAL_ERROR);
        assertEquals(1013, CloseCodes.TRY_AGAIN_LATER);
        assertEquals(4400, CloseCodes.INVALID_DOCUMENT_ID);
        assertEquals(4401, CloseCodes.UNAUTHORIZED);
        assertEquals(4403, CloseCodes.FORBIDDEN);
        assertEquals(4408, CloseCodes.SLOW_CONSUMER);
        assertEquals(4409, CloseCodes.DOCUMENT_FULL);
        assertEquals(4422, CloseCodes.MALFORMED_MESSAGE);
        assertEquals(4429, CloseCodes.RATE_LIMITED);
    }
}
