package dev.skein.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.contract.AccessRole;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionAccessTest {

    private final ConnectionAccess bob =
            new ConnectionAccess("bob", Set.of("editors"), AccessRole.READ, Optional.of(Instant.EPOCH));

    @Test
    void changesOfTheUserOrOfOneOfItsGroupsAffectIt() {
        assertTrue(bob.isAffectedBy("bob"));
        assertTrue(bob.isAffectedBy("group:editors"));
        assertFalse(bob.isAffectedBy("group:bob"));
        assertFalse(bob.isAffectedBy("editors"));
        assertFalse(bob.isAffectedBy("alice"));
    }

    @Test
    void onlyWriteAndOwnerMayWrite() {
        assertFalse(bob.canWrite());
        assertTrue(bob.withRole(AccessRole.WRITE).canWrite());
        assertTrue(bob.withRole(AccessRole.OWNER).canWrite());
        assertEquals(bob.expiresAt(), bob.withRole(AccessRole.WRITE).expiresAt());
    }

    @Test
    void withoutAuthenticationEveryoneIsAnAnonymousWriter() {
        ConnectionAccess anonymous = ConnectionAccess.anonymous();
        assertEquals("anonymous", anonymous.principal());
        assertTrue(anonymous.canWrite());
        assertTrue(anonymous.expiresAt().isEmpty());
    }
}
