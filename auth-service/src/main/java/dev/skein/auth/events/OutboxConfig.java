package dev.skein.auth.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The outbox relay ({@code skein.auth.outbox.*}). */
@ConfigMapping(prefix = "skein.auth.outbox")
public interface OutboxConfig {

    /**
     * How often the relay looks for unpublished rows when nothing woke it: rows left by a
     * failed publication or by an instance that stopped between commit and publication. A
     * committed change wakes the relay at once.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Pause after a failed pass (database or broker unreachable). */
    @WithDefault("1s")
    Duration retryPause();

    /** Rows published per pass. */
    @WithDefault("500")
    int batchSize();

    /**
     * How long a request that changed the ACL waits for the relay to publish before it answers.
     * The change is committed either way; the wait only keeps the usual promise that gateways
     * are being told when the caller sees 2xx.
     */
    @WithDefault("3s")
    Duration publishWait();
}
