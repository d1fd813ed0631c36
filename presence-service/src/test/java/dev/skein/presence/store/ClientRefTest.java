package dev.skein.presence.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientRefTest {

    @Test
    void roundTripsTheMemberTextWithLargeClientIds() {
        ClientRef ref = new ClientRef("notes.v2~a-b_c", 4_294_967_295L);
        assertEquals("notes.v2~a-b_c/4294967295", ref.member());
        assertEquals(ref, ClientRef.parse(ref.member()));
    }

    @Test
    void refusesTextsThatAreNoMember() {
        assertThrows(IllegalArgumentException.class, () -> ClientRef.parse("no-slash"));
        assertThrows(IllegalArgumentException.class, () -> ClientRef.parse("/5"));
        assertThrows(NumberFormatException.class, () -> ClientRef.parse("doc/x"));
    }

    @Test
    void anEntryExpiresExactlyOneTtlAfterItsRenewal() {
        PresenceEntry entry = new PresenceEntry("d", 1, 1, "{}", "gw", "anonymous", 100, 1_000);
        assertFalse(entry.expiredAt(30_999, 30_000));
        assertTrue(entry.expiredAt(31_000, 30_000));
    }
}
