package dev.skein.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on one token request. (The OIDC client {@link ServiceToken#of} creates needs a running
 * Quarkus application: the services' auth tests use it against Keycloak.)
 */
class ServiceTokenTest {

    private AuthServiceFake auth;

    @BeforeEach
    void start() throws Exception {
        auth = new AuthServiceFake();
    }

    @AfterEach
    void stop() {
        auth.tokenGate.countDown();
        auth.close();
    }

    @Test
    void aTokenEndpointThatDoesNotAnswerFailsTheRequestAndDoesNotHoldLaterCallers() throws Exception {
        auth.tokenGate = new CountDownLatch(1);
        ServiceToken token = new ServiceToken(auth.tokenClient(), Duration.ofMillis(500));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> token.get().get(5, TimeUnit.SECONDS));
        assertInstanceOf(AuthUnavailableException.class, failed.getCause());
        auth.tokenGate.countDown();
        assertEquals("token-2", token.get().get(5, TimeUnit.SECONDS));
    }
}
