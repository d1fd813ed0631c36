package dev.skein.gateway.awareness;

import dev.skein.contract.AwarenessRecords;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Awareness handling of the gateway ({@code skein.gateway.awareness.*}). */
@ConfigMapping(prefix = "skein.gateway.awareness")
public interface AwarenessConfig {

    /**
     * Per client connection, awareness updates (cursor moves arrive up to 60 times a second) are
     * merged for this long before one record goes to Kafka; the first goes at once and the last
     * state always gets through. {@code 0} sends every update.
     */
    @WithDefault("50ms")
    Duration coalesceWindow();

    /** Largest awareness state (JSON text, UTF-8 bytes); larger states are dropped and counted. */
    @WithDefault("65536")
    int maxStateBytes();

    /** How often this gateway announces that it is alive (see {@link AwarenessRecords}). */
    @WithDefault(AwarenessRecords.HEARTBEAT_INTERVAL_DEFAULT)
    Duration heartbeatInterval();

    /**
     * Base URL of presence-service (e.g. {@code http://presence-service:8084}); a joining client
     * gets the document's awareness from it. Unset: from what this gateway has seen.
     */
    Optional<URI> presenceUrl();

    /** How long a join waits for presence-service before it falls back to what this gateway has seen. */
    @WithDefault("1s")
    Duration presenceTimeout();
}
