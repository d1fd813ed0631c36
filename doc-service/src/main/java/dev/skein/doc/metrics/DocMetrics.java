package dev.skein.doc.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * doc-service metrics: {@code skein_doc_records_total{kind}}, {@code skein_doc_skipped_total{reason}}
 * (records it could not use), {@code skein_doc_sync_replies_total}, {@code skein_doc_sync_reply_seconds},
 * {@code skein_doc_rest_requests_total{operation}}, {@code skein_doc_errors_total{kind}},
 * {@code skein_doc_storage_damaged_objects_total{outcome}} (recovered from the log, unrecoverable),
 * {@code skein_doc_changes_published_total}, {@code skein_doc_edits_total{outcome}} and the
 * {@code skein_doc_documents}, {@code skein_doc_live_documents} and {@code skein_doc_consumer_lag} gauges.
 */
@ApplicationScoped
public class DocMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer syncReply;

    DocMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.syncReply = Timer.builder("skein.doc.sync.reply").register(registry);
    }

    /** Records not yet consumed in the owned partitions of the update topic, as of the last poll. */
    public void consumerLag(java.util.function.Supplier<Number> records) {
        // strong reference: a weakly held lambda would be collected and the gauge would read NaN
        io.micrometer.core.instrument.Gauge.builder("skein.doc.consumer.lag", records, s -> s.get().doubleValue())
            .strongReference(true).register(registry);
    }

    /** Registers the documents gauge. */
    public void documents(Supplier<Number> documents) {
        // strong reference: a weakly held lambda would be collected and the gauge would read NaN
        io.micrometer.core.instrument.Gauge.builder("skein.doc.documents", documents, s -> s.get().doubleValue()).strongReference(true).register(registry);
    }

    /** A record of a kind was applied or answered. */
    public void record(String kind) {
        counter("skein.doc.records", "kind", kind).increment();
    }

    /** A record was skipped (malformed, stale, unknown kind). */
    public void skipped(String reason) {
        counter("skein.doc.skipped", "reason", reason).increment();
    }

    /** A sync reply was produced; {@code nanos} it took to compute. */
    public void replied(long nanos) {
        counter("skein.doc.sync.replies", "result", "sent").increment();
        syncReply.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** A REST operation. */
    public void rest(String operation) {
        counter("skein.doc.rest.requests", "operation", operation).increment();
    }

    /** A change record was handed to the producer. */
    public void changePublished() {
        counter("skein.doc.changes.published", "result", "sent").increment();
    }

    /** An edit request ended with an outcome ({@code applied}, {@code rejected}, {@code failed}). */
    public void edit(String outcome) {
        counter("skein.doc.edits", "outcome", outcome).increment();
    }

    /** Registers the live-documents gauge. */
    public void liveDocuments(Supplier<Number> documents) {
        io.micrometer.core.instrument.Gauge.builder("skein.doc.live.documents", documents, s -> s.get().doubleValue())
            .strongReference(true).register(registry);
    }

    /** A damaged stored object was met while loading a document: {@code recovered} from the log or {@code unrecoverable}. */
    public void damagedObject(String outcome) {
        counter("skein.doc.storage.damaged.objects", "outcome", outcome).increment();
    }

    /** Damaged stored objects met with an outcome (tests, diagnostics). */
    public double damagedObjects(String outcome) {
        Counter counter = counters.get("skein.doc.storage.damaged.objects|" + outcome);
        return counter == null ? 0 : counter.count();
    }

    /** An error of a kind. */
    public void error(String kind) {
        counter("skein.doc.errors", "kind", kind).increment();
    }

    /** Count of skipped records for a reason (tests, diagnostics). */
    public double skippedCount(String reason) {
        Counter counter = counters.get("skein.doc.skipped|" + reason);
        return counter == null ? 0 : counter.count();
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + "|" + value,
            k -> Counter.builder(name).tag(tag, value).register(registry));
    }
}
