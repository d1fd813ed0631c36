package dev.skein.presence.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Expiry, heartbeats and limits of presence-service ({@code skein.presence.*}). */
@ConfigMapping(prefix = "skein.presence")
public interface PresenceConfig {

    /** This instance's id (origin of the removals it publishes); random when not set. */
    Optional<String> instanceId();

    /**
     * How long a client's awareness state lives after its last renewal. y-protocols clients renew
     * every 15 s and drop a peer after 30 s of silence, so the default matches them.
     */
    @WithDefault("30s")
    Duration stateTtl();

    /**
     * How long a gateway may stay silent (no heartbeat, no awareness record) before it counts as
     * dead and the states of all its clients are removed. Below {@link #stateTtl()}, so that
     * clients of a dead gateway go before they would expire anyway.
     */
    @WithDefault("15s")
    Duration gatewayTimeout();

    /** How often expired states and dead gateways are looked for. */
    @WithDefault("1s")
    Duration sweepInterval();

    /** Largest awareness state (its JSON text, in UTF-8 bytes); larger ones are dropped and counted. */
    @WithDefault("65536")
    int maxStateBytes();

    /** Consumer group of the presence-service instances on the awareness topic. */
    @WithDefault("skein-presence")
    String consumerGroup();

    /** Prefix of every Redis key this service writes, so a Redis can be shared. */
    @WithDefault("skein:presence:")
    String keyPrefix();
}
