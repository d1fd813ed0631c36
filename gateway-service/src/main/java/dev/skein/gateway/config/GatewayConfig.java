package dev.skein.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Limits and identity of a gateway instance ({@code skein.gateway.*}). */
@ConfigMapping(prefix = "skein.gateway")
public interface GatewayConfig {

    /**
     * This instance's id: the key of its sync replies. Must be unique among running gateways;
     * a random id is generated at start when not set.
     */
    Optional<String> instanceId();

    /**
     * Largest inbound WebSocket message in bytes; larger ones close the connection with 4413 (a
     * reconnect would only send the same message again).
     */
    @WithDefault("4194304")
    int maxFrameSize();

    /**
     * Bytes queued for sending to one connection but not yet written to its socket (each queued
     * frame counted with its overhead). Past it the gateway stops reading from the client until the
     * queue drains below it: most of what a client sends causes more to send, to it and to the
     * document's other clients, so a gateway behind on its writes slows its writers down instead of
     * piling up frames. Small, so that pacing starts long before {@link #outboundCloseBytes()} or the
     * gateway's {@link #outboundBudgetBytes()}; a single larger frame (a sync answer) always fits.
     */
    @WithDefault("1048576")
    long outboundQueueBytes();

    /**
     * Bytes queued to one connection at which it is closed at once with 4508 (transient: its
     * provider reconnects and syncs, one sync answer instead of the backlog). Pausing cannot shrink
     * a reader's queue when other clients write, so a reader slower than its document is closed
     * here or after {@link #outboundStallTimeout()}.
     */
    @WithDefault("33554432")
    long outboundCloseBytes();

    /** How long a client's outbound queue may stay over {@link #outboundCloseBytes()} before the client is closed (4508). */
    @WithDefault("30s")
    Duration outboundStallTimeout();

    /**
     * Bytes queued to all connections together before the gateway sheds connections (closing
     * with 4508) rather than run out of memory; a quarter of the heap when not set.
     */
    Optional<Long> outboundBudgetBytes();

    /**
     * Bytes one connection may hold of what its client sent: a frame still being received plus
     * messages waiting to be handled; past it the client is closed with 4513. Must exceed
     * {@link #maxFrameSize()}; twice it plus 1 MiB when not set.
     */
    Optional<Long> inboundConnectionBytes();

    /**
     * Bytes received from all clients together and not yet handled; the client whose bytes would
     * pass it is closed with 4513 (transient) rather than the gateway running out of memory. A
     * quarter of the heap when not set.
     */
    Optional<Long> inboundBudgetBytes();

    /** Connections to one document on this instance; one more is closed with 4509 (transient). */
    @WithDefault("1000")
    int maxConnectionsPerDocument();

    /**
     * Sustained inbound messages per second per connection (token bucket, burst twice this).
     * Faster clients are paced: the gateway stops reading from them until the bucket refills.
     */
    @WithDefault("500")
    int messagesPerSecond();

    /** How long a connection waits for the answer to its sync request before it is closed with 1013. */
    @WithDefault("30s")
    Duration syncTimeout();

    /** Bound of the bytes held for partially received (chunked) sync replies, all connections together. */
    @WithDefault("134217728")
    long replyBufferBytes();

    /** How often the broker is checked; after two failed checks every client is closed with 1013. */
    @WithDefault("2s")
    Duration brokerCheckInterval();

    /**
     * Deliver an update to this gateway's other connections of the document as soon as it is
     * handed to Kafka, instead of after its round trip through the log (see {@code UpdateFanout}).
     */
    @WithDefault("true")
    boolean localDelivery();

    /**
     * With local delivery, how often an update partition into which only this gateway's
     * connections wrote for {@link #quietAfter()} is read (it is paused in between) instead of
     * continuously; another writer's record in it is then delivered up to about this much later,
     * and the partition is read continuously again. {@code 0} reads every partition continuously.
     */
    @WithDefault("100ms")
    Duration quietReadInterval();

    /** How long after another writer's last record in an update partition it counts as quiet. */
    @WithDefault("30s")
    Duration quietAfter();

    /**
     * Inbound messages up to this size are handled on the connection's event loop; larger ones on
     * a worker thread, in the connection's order.
     */
    @WithDefault("65536")
    int inlineMessageBytes();
}
