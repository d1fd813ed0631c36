package dev.skein.gateway.session;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A small inbound budget, so that 200 clients sending 1 MiB frames pass it at once. */
public class InboundMemoryProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
            "skein.gateway.max-frame-size", "1048576",
            "skein.gateway.inbound-budget-bytes", "16777216",
            "skein.gateway.messages-per-second", "50");
    }
}
