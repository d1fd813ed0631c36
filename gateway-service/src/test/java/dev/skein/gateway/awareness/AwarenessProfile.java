package dev.skein.gateway.awareness;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A stub presence-service, fast heartbeats and a small state limit. */
public class AwarenessProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
            "skein.gateway.awareness.presence-url", PresenceStub.start(),
            "skein.gateway.awareness.presence-timeout", "300ms",
            "skein.gateway.awareness.heartbeat-interval", "200ms",
            "skein.gateway.awareness.max-state-bytes", "1024");
    }
}
