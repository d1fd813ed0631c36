package dev.skein.gateway.session;

import dev.skein.gateway.config.GatewayConfig;
import java.time.Duration;

/** The per-connection limits of {@code skein.gateway.*} a {@link Session} enforces. */
record SessionLimits(long outboundQueueBytes, long outboundCloseBytes, Duration outboundStallTimeout, int messagesPerSecond,
        int inlineMessageBytes, long inboundConnectionBytes) {

    static SessionLimits of(GatewayConfig config) {
        return new SessionLimits(config.outboundQueueBytes(),
            Math.max(config.outboundCloseBytes(), config.outboundQueueBytes()), config.outboundStallTimeout(), config.messagesPerSecond(),
            config.inlineMessageBytes(),
            config.inboundConnectionBytes().orElse(2L * config.maxFrameSize() + (1 << 20)));
    }
}
