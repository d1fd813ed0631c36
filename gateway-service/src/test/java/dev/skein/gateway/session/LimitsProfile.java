package dev.skein.gateway.session;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Small limits so that each can be reached quickly. */
public class LimitsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
            "skein.gateway.max-frame-size", "262144",
            "skein.gateway.outbound-queue-bytes", "262144",
            "skein.gateway.outbound-close-bytes", "1048576",
            "skein.gateway.outbound-stall-timeout", "3s",
            "skein.gateway.messages-per-second", "50",
            "skein.gateway.max-connections-per-document", "2");
    }
}
