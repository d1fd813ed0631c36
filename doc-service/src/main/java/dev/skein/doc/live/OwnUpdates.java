package dev.skein.doc.live;

import dev.skein.contract.DocumentRecords;
import dev.skein.contract.RecordHeaders;
import dev.skein.doc.metrics.DocMetrics;
import dev.skein.messaging.InstanceId;
import dev.skein.messaging.TopicsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PreDestroy;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces what live documents changed themselves (edits, formatting cleanups) as ordinary
 * {@code update} records, so that the log holds everything and every gateway delivers it; and
 * recognises them when they come back. Their origin is {@code <instance>/edit} or
 * {@code <instance>/live}, their {@link RecordHeaders#CORRELATION_ID} tells them apart, and an
 * edit's carries the caller as {@link RecordHeaders#PRINCIPAL}.
 */
@ApplicationScoped
public class OwnUpdates {

    /** Origin suffix of edits. */
    public static final String EDIT = "edit";
    /** Origin suffix of a live document's own reactions (formatting cleanup). */
    public static final String LIVE = "live";

    /** What became of a produced update. */
    public interface Outcome {
        /** Called on a thread of its own, in order: the offset, or the failure (offset -1). */
        void done(long offset, Exception failure);
    }

    private final Producer<String, byte[]> producer;
    private final TopicsConfig topics;
    private final InstanceId instanceId;
    private final LiveDocuments documents;
    private final DocMetrics metrics;
    // what follows an own update's acknowledgement (replies, resets) is produced from here: a
    // producer callback runs on the producer's I/O thread, where a send that must wait for
    // metadata would wait for that very thread
    private final ExecutorService outcomes = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "skein-own-updates");
        t.setDaemon(true);
        return t;
    });

    OwnUpdates(Producer<String, byte[]> producer, TopicsConfig topics, InstanceId instanceId, LiveDocuments documents,
            DocMetrics metrics) {
        this.producer = producer;
        this.topics = topics;
        this.instanceId = instanceId;
        this.documents = documents;
        this.metrics = metrics;
    }

    /** The origin header of this instance's own updates of a kind. */
    public String origin(String kind) {
        return instanceId.value() + "/" + kind;
    }

    /** Produces an own update of a document; {@code outcome} hears the offset or the failure. */
    public void produce(int partition, String docId, byte[] update, String correlationId, Optional<String> principal,
            String kind, Outcome outcome) {
        documents.produced(docId, correlationId, update);
        ProducerRecord<String, byte[]> record = DocumentRecords.update(topics.updates(), partition, docId, update,
            origin(kind));
        RecordHeaders.put(record.headers(), RecordHeaders.CORRELATION_ID, correlationId);
        principal.ifPresent(p -> RecordHeaders.put(record.headers(), RecordHeaders.PRINCIPAL, p));
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    failed(docId, correlationId);
                }
                long offset = error == null ? metadata.offset() : -1;
                outcomes.execute(() -> outcome.done(offset, error));
            });
        } catch (RuntimeException e) {
            failed(docId, correlationId);
            outcome.done(-1, e);
        }
    }

    /** Whether a consumed update record is one of ours still in flight (then it is no longer). */
    public boolean readBack(ConsumerRecord<String, byte[]> record) {
        String origin = DocumentRecords.origin(record).orElse("");
        if (!origin.startsWith(instanceId.value() + "/")) {
            return false;
        }
        return RecordHeaders.get(record.headers(), RecordHeaders.CORRELATION_ID)
            .map(c -> documents.readBack(record.key(), c)).orElse(false);
    }

    @PreDestroy
    void close() {
        outcomes.shutdown();
    }

    private void failed(String docId, String correlationId) {
        metrics.error("own-update-produce");
        // the live document holds what the log will not: load it again without it
        documents.dropLater(docId, correlationId);
    }
}
