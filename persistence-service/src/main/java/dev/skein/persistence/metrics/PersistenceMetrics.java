package dev.skein.persistence.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * persistence-service metrics: {@code skein_persistence_records_total},
 * {@code skein_persistence_skipped_total{reason}}, {@code skein_persistence_batches_total{reason}}
 * (flush trigger: count, size, time, revoked, shutdown), {@code skein_persistence_batched_updates_total},
 * {@code skein_persistence_commits_total}, {@code skein_persistence_compactions_total{outcome}},
 * {@code skein_persistence_errors_total{kind}}, {@code skein_persistence_durable_latency_seconds} (log
 * arrival to durable write, with p50/p95/p99), {@code skein_persistence_written_bytes_total}, and the
 * gauges {@code skein_persistence_pending_documents}, {@code skein_persistence_lag_records} (records of
 * the update topic not yet durably stored) and {@code skein_persistence_lag_stalled_seconds} (how long
 * that lag has not shrunk); version history: {@code skein_persistence_versions_total{trigger}},
 * {@code skein_persistence_versions_thinned_total}, {@code skein_persistence_version_requests_total{outcome}}.
 */
@ApplicationScoped
public class PersistenceMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer durable;
    private final Counter writtenBytes;

    PersistenceMetrics(MeterRegistry registry) {
        this.registry = registry;
        // client-side percentiles: the README's arrival-to-durable figures are read from them
        this.durable = Timer.builder("skein.persistence.durable.latency")
            .description("From an update's arrival in the log to the durable write of its batch")
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry);
        this.writtenBytes = Counter.builder("skein.persistence.written.bytes").baseUnit("bytes")
            .description("Bytes of batch objects written").register(registry);
    }

    /**
     * A batch object of {@code objectBytes} holding updates that reached the log at
     * {@code timestampsMillis} is durably written at {@code nowMillis}.
     */
    public void durable(long[] timestampsMillis, long nowMillis, long objectBytes) {
        for (long timestamp : timestampsMillis) {
            if (timestamp >= 0) {
                durable.record(Math.max(0, nowMillis - timestamp), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        writtenBytes.increment(objectBytes);
    }

    /** Registers the gauges of the group's lag behind the log (see {@code StorageLag}). */
    public void lag(Supplier<Number> records, Supplier<Number> stalledSeconds) {
        gauge("skein.persistence.lag.records", records);
        gauge("skein.persistence.lag.stalled.seconds", stalledSeconds);
    }

    private void gauge(String name, Supplier<Number> value) {
        // strong reference: the registry would otherwise let a lambda be collected and report NaN
        Gauge.builder(name, value, s -> s.get().doubleValue()).strongReference(true).register(registry);
    }

    /** Registers the gauge of buffered documents. */
    public void pendingDocuments(Supplier<Number> pending) {
        gauge("skein.persistence.pending.documents", pending);
    }

    /** An update record was buffered. */
    public void record() {
        counter("skein.persistence.records", null, null).increment();
    }

    /** A record was skipped. */
    public void skipped(String reason) {
        counter("skein.persistence.skipped", "reason", reason).increment();
    }

    /** A batch of {@code updates} updates was written because of {@code reason}. */
    public void batch(String reason, int updates) {
        counter("skein.persistence.batches", "reason", reason).increment();
        counter("skein.persistence.batched.updates", null, null).increment(updates);
    }

    /** Offsets were committed. */
    public void commit() {
        counter("skein.persistence.commits", null, null).increment();
    }

    /** A compaction ended with {@code outcome}. */
    public void compaction(String outcome) {
        counter("skein.persistence.compactions", "outcome", outcome).increment();
    }

    /** A version was recorded because of {@code trigger} (idle, interval, request). */
    public void version(String trigger) {
        counter("skein.persistence.versions", "trigger", trigger).increment();
    }

    /** Retention dropped {@code count} versions (their changes folded into the next kept one). */
    public void versionsThinned(int count) {
        counter("skein.persistence.versions.thinned", null, null).increment(count);
    }

    /** A version request ended with {@code outcome} (recorded, empty, history-off, malformed). */
    public void versionRequest(String outcome) {
        counter("skein.persistence.version.requests", "outcome", outcome).increment();
    }

    /** Versions recorded because of a trigger (tests, diagnostics). */
    public double versionCount(String trigger) {
        return counter("skein.persistence.versions", "trigger", trigger).count();
    }

    /** An error of a kind (storage, kafka, compaction). */
    public void error(String kind) {
        counter("skein.persistence.errors", "kind", kind).increment();
    }

    /** Skipped records for a reason (tests, diagnostics). */
    public double skippedCount(String reason) {
        return counter("skein.persistence.skipped", "reason", reason).count();
    }

    private Counter counter(String name, String tag, String value) {
        String id = tag == null ? name : name + "|" + tag + "=" + value;
        return counters.computeIfAbsent(id, k -> {
            Counter.Builder builder = Counter.builder(name);
            if (tag != null) {
                builder.tag(tag, value);
            }
            return builder.register(registry);
        });
    }
}
