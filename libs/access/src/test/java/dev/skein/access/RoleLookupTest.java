package dev.skein.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.contract.AccessRole;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoleLookupTest {

    private AuthServiceFake auth;
    private ServiceToken token;
    private RoleLookup roles;

    @BeforeEach
    void start() throws Exception {
        auth = new AuthServiceFake();
        token = new ServiceToken(auth.tokenClient(), auth.settings().requestTimeout());
        roles = new RoleLookup(auth.settings(), token);
    }

    @AfterEach
    void stop() {
        auth.close();
    }

    @Test
    void anAnswerIsReusedUntilTheDocumentsAclChanges() {
        auth.roles.put("doc-a", "write");
        assertEquals(AccessRole.WRITE, roles.lookupNow("doc-a", "alice", Set.of()).role());
        assertEquals(AccessRole.WRITE, roles.lookupNow("doc-a", "alice", Set.of()).role());
        assertEquals(1, auth.roleCalls.get());

        auth.roles.put("doc-a", "read");
        long before = roles.generation("doc-a");
        roles.invalidate("doc-a");
        assertNotEquals(before, roles.generation("doc-a"));
        assertEquals(AccessRole.READ, roles.lookupNow("doc-a", "alice", Set.of()).role());
        assertEquals(2, auth.roleCalls.get());
    }

    @Test
    void anAnswerOvertakenByAnAclEventIsAskedAgain() {
        auth.roles.put("doc-b", "write");
        auth.whileAnswering = () -> {
            // the ACL changes while auth-service answers with the old role
            auth.whileAnswering = () -> { };
            auth.roles.put("doc-b", "none");
            roles.invalidate("doc-b");
        };
        RoleLookup.Lookup lookup = roles.lookupNow("doc-b", "alice", Set.of());
        assertEquals(AccessRole.NONE, lookup.role());
        assertEquals(roles.generation("doc-b"), lookup.generation());
        assertEquals(2, auth.roleCalls.get());
    }

    @Test
    void invalidateAllForgetsEveryDocument() {
        auth.roles.put("doc-c", "read");
        auth.roles.put("doc-d", "read");
        roles.lookupNow("doc-c", "alice", Set.of());
        roles.lookupNow("doc-d", "alice", Set.of());
        roles.invalidateAll();
        roles.lookupNow("doc-c", "alice", Set.of());
        roles.lookupNow("doc-d", "alice", Set.of());
        assertEquals(4, auth.roleCalls.get());
    }

    @Test
    void aRefusedServiceTokenIsRenewedOnce() {
        auth.roles.put("doc-e", "read");
        roles.lookupNow("doc-e", "alice", Set.of());
        auth.refusedTokens.put("token-1", true);
        assertEquals(AccessRole.READ, roles.lookupNow("doc-e", "bob", Set.of()).role());
        assertEquals(2, auth.tokenCalls.get());
    }

    @Test
    void failuresAreAuthUnavailable() {
        auth.roleStatus = 500;
        assertThrows(AuthUnavailableException.class, () -> roles.lookupNow("doc-f", "alice", Set.of()));
        auth.roleStatus = 200;
        auth.tokenStatus = 400;
        token.invalidate();
        assertThrows(AuthUnavailableException.class, () -> roles.lookupNow("doc-f", "alice", Set.of()));
        auth.close();
        RoleLookup unreachable = new RoleLookup(auth.settings(),
                new ServiceToken(auth.tokenClient(), auth.settings().requestTimeout()));
        assertThrows(AuthUnavailableException.class, () -> unreachable.lookupNow("doc-f", "alice", Set.of()));
    }

    @Test
    void lookupsInARowStartNoThreadEach() throws Exception {
        // the HTTP client's sendAsync completed through CompletableFuture's default executor, a new
        // thread per call where the common pool is smaller than two threads (two cores or fewer)
        auth.roles.put("doc-g", "read");
        roles.lookupNow("doc-g", "warm-up", Set.of());
        roles.lookup("doc-g", "warm-up-async", Set.of()).get();
        long before = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
        int calls = 40;
        for (int i = 0; i < calls; i++) {
            assertEquals(AccessRole.READ, roles.lookupNow("doc-g", "person-" + i, Set.of()).role());
            assertEquals(AccessRole.READ, roles.lookup("doc-g", "async-" + i, Set.of()).get().role());
        }
        long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - before;
        assertTrue(started < calls / 4, started + " threads started for " + 2 * calls + " lookups");
        assertEquals(2 + 2 * calls, auth.roleCalls.get());
    }

    @Test
    void asyncLookupsFailWithAuthUnavailable() {
        auth.roleStatus = 500;
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> roles.lookup("doc-h", "alice", Set.of()).get());
        assertInstanceOf(AuthUnavailableException.class, failed.getCause());
    }

    @Test
    void concurrentCallersShareOneTokenRequest() throws Exception {
        auth.tokenGate = new CountDownLatch(1);
        List<CompletableFuture<String>> asked = List.of(token.get(), token.get(), token.get());
        auth.tokenGate.countDown();
        for (CompletableFuture<String> answer : asked) {
            assertEquals("token-1", answer.get());
        }
        assertEquals("token-1", token.get().get());
        assertEquals(1, auth.tokenCalls.get());
    }
}
