package dev.skein.presence;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Short lifetimes so that expiry and dead-gateway clean-up happen within seconds; the gateway
 * timeout stays well below the state TTL so that the two causes can be told apart.
 */
public class FastPresenceProfile implements QuarkusTestProfile {

    /** State lifetime of the tests. */
    public static final long TTL_MILLIS = 5_000;
    /** Gateway silence after which its clients are removed. */
    public static final long GATEWAY_TIMEOUT_MILLIS = 1_500;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
            "skein.presence.state-ttl", TTL_MILLIS + "ms",
            "skein.presence.gateway-timeout", GATEWAY_TIMEOUT_MILLIS + "ms",
            "skein.presence.sweep-interval", "200ms",
            "skein.presence.max-state-bytes", "1024");
    }
}
