package dev.skein.gateway.session;

import dev.skein.gateway.config.CompressionConfig;
import dev.skein.gateway.config.GatewayConfig;
import java.time.Duration;

/** The per-connection limits of {@code skein.gateway.*} a {@link Session} enforces. */
record SessionLimits(long outboundQueueBytes, long outboundCloseBytes, Duration outboundStallTimeout, int messagesPerSecond,
        int inlineMessageBytes, long inboundConnectionBytes, int rawFrameBelowBytes) {

    static SessionLimits of(GatewayConfig config, CompressionConfig compression) {
        return new SessionLimits(config.outboundQueueBytes(),
            Math.max(config.outboundCloseBytes(), config.outboundQueueBytes()), config.outboundStallTimeout(), config.messagesPerSecond(),
            config.inlineMessageBytes(),
            config.inboundConnectionBytes().orElse(2L * config.maxFrameSize() + (1 << 20)),
            // what is never compressed goes out as prepared frame bytes
            compression.enabled() ? compression.thresholdBytes() : Integer.MAX_VALUE);
    }
}
