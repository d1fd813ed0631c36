package dev.skein.persistence.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * persistence-service metrics: {@code skein_persistence_records_total},
 * {@code skein_persistence_skipped_total{reason}}, {@code skein_persistence_batches_total{reason}}
 * (flush trigger: count, size, time, revoked, shutdown), {@code skein_persistence_batched_updates_total},
 * {@code skein_persistence_commits_total}, {@code skein_persistence_compactions_total{outcome}},
 * {@code skein_persistence_errors_total{kind}} and the {@code skein_persistence_pending_documents} gauge.
 */
@ApplicationScoped
public class PersistenceMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    PersistenceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the gauge of buffered documents. */
    public void pendingDocuments(Supplier<Number> pending) {
        registry.gauge("skein.persistence.pending.documents", pending, s -> s.get().doubleValue());
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
