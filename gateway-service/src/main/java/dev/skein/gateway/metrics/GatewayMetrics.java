package dev.skein.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gateway's Prometheus metrics: {@code skein_gateway_connections}, {@code skein_gateway_documents}
 * (gauges), {@code skein_gateway_messages_total{direction}}, {@code skein_gateway_bytes_total{direction}}
 * {@code skein_gateway_errors_total{kind}}, {@code skein_gateway_paused_total{reason}},
 * {@code skein_gateway_merged_updates_total} / {@code skein_gateway_merged_records_total} (updates
 * merged into fewer records), {@code skein_gateway_sync_answer_seconds} (from a sync request to its
 * complete answer), {@code skein_gateway_consumer_lag} and {@code skein_gateway_quiet_partitions}
 * (gauges).
 */
// @Singleton, not @ApplicationScoped: used for every frame or record, and a client proxy's context
// lookup on each call showed in the gateway's profile under load
@Singleton
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Counter mergedUpdates;
    private final Counter mergedRecords;
    private final Timer syncAnswer;
    private final Counter syncHeld;
    private final Counter deflateReused;
    private final ConcurrentMap<String, Counter> errors = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> pauses = new ConcurrentHashMap<>();

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.messagesIn = Counter.builder("skein.gateway.messages").tag("direction", "in").register(registry);
        this.messagesOut = Counter.builder("skein.gateway.messages").tag("direction", "out").register(registry);
        this.bytesIn = Counter.builder("skein.gateway.bytes").tag("direction", "in").register(registry);
        this.bytesOut = Counter.builder("skein.gateway.bytes").tag("direction", "out").register(registry);
        this.mergedUpdates = Counter.builder("skein.gateway.merged.updates").register(registry);
        this.mergedRecords = Counter.builder("skein.gateway.merged.records").register(registry);
        this.syncAnswer = Timer.builder("skein.gateway.sync.answer").register(registry);
        this.syncHeld = Counter.builder("skein.gateway.sync.held").register(registry);
        this.deflateReused = Counter.builder("skein.gateway.deflate.reused").register(registry);
    }

    /** Records live delivery has not consumed yet (all its partitions), as of its last poll. */
    public void consumerLag(Supplier<Number> records) {
        // strong reference: a weakly held lambda would be collected and the gauge would read NaN
        io.micrometer.core.instrument.Gauge.builder("skein.gateway.consumer.lag", records, s -> s.get().doubleValue())
            .strongReference(true).register(registry);
    }

    /** A sync request was answered {@code nanos} after it was handed to the producer. */
    public void syncAnswered(long nanos) {
        syncAnswer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A sync step 1 was answered from a document the gateway holds. */
    public void syncHeld() {
        syncHeld.increment();
    }

    /** Counts a compressed message sent again without compressing it again. */
    public void deflateReused() {
        deflateReused.increment();
    }

    /** Registers the gauge of the bytes of held documents. */
    public void heldBytes(Supplier<Number> bytes) {
        // strong reference: a weakly held lambda would be collected and the gauge would read NaN
        io.micrometer.core.instrument.Gauge.builder("skein.gateway.held.bytes", bytes, s -> s.get().doubleValue())
            .strongReference(true).register(registry);
    }

    /** Registers the gauge of update partitions read only every quiet-read interval. */
    public void quietPartitions(Supplier<Number> partitions) {
        // strong reference: a weakly held lambda would be collected and the gauge would read NaN
        io.micrometer.core.instrument.Gauge.builder("skein.gateway.quiet.partitions", partitions,
            s -> s.get().doubleValue()).strongReference(true).register(registry);
    }

    /** Registers the connection and document gauges. */
    public void gauges(Supplier<Number> connections, Supplier<Number> documents) {
        // strong reference: a weakly held lambda would be collected and the gauge would read NaN
        io.micrometer.core.instrument.Gauge.builder("skein.gateway.connections", connections, s -> s.get().doubleValue()).strongReference(true).register(registry);
        // strong reference: a weakly held lambda would be collected and the gauge would read NaN
        io.micrometer.core.instrument.Gauge.builder("skein.gateway.documents", documents, s -> s.get().doubleValue()).strongReference(true).register(registry);
    }

    /** One message received from a client. */
    public void received(int bytes) {
        messagesIn.increment();
        bytesIn.increment(bytes);
    }

    /** One message sent to a client. */
    public void sent(int bytes) {
        messagesOut.increment();
        bytesOut.increment(bytes);
    }

    /** {@code updates} consecutive updates of one client were merged and produced as one record. */
    public void merged(int updates) {
        mergedUpdates.increment(updates);
        mergedRecords.increment();
    }

    /** Updates that were merged with others so far (for tests and diagnostics). */
    public double mergedUpdates() {
        return mergedUpdates.count();
    }

    /** One error of a kind (for example {@code malformed}, {@code produce}, {@code slow-consumer}). */
    public void error(String kind) {
        errors.computeIfAbsent(kind, k -> Counter.builder("skein.gateway.errors").tag("kind", k).register(registry))
            .increment();
    }

    /**
     * Reading from a client paused for a reason ({@code rate}: over its message rate;
     * {@code outbound}: its outbound queue is over its bound).
     */
    public void paused(String reason) {
        pauses.computeIfAbsent(reason, r -> Counter.builder("skein.gateway.paused").tag("reason", r).register(registry))
            .increment();
    }

    /** Count of pauses for a reason so far (for tests and diagnostics). */
    public double pauseCount(String reason) {
        Counter counter = pauses.get(reason);
        return counter == null ? 0 : counter.count();
    }

    /** Count of errors of a kind so far (for tests and diagnostics). */
    public double errorCount(String kind) {
        Counter counter = errors.get(kind);
        return counter == null ? 0 : counter.count();
    }
}
