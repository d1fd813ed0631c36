package dev.skein.doc.changes;

import dev.skein.contract.DocChanges;
import dev.skein.doc.config.DocConfig;
import dev.skein.doc.metrics.DocMetrics;
import dev.skein.messaging.InstanceId;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import dev.skein.ycrdt.lib0.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

/**
 * Publishes documents' changes on the change topic, keyed by document:
 * {@code {"doc","owner","changes":[{"offset","kind","origin":{"source","principal","clients"},"roots":{…}}]}}.
 * Without debouncing each applied update (or edit) is one record with one entry; with
 * {@code skein.doc.changes-debounce} a document's entries within that time go out together, in
 * order. A {@code {"reset":true}} entry tells followers that a change published before did not
 * happen after all (its update never reached the log): read the content again.
 */
@ApplicationScoped
public class ChangePublisher {

    private static final Logger LOG = Logger.getLogger(ChangePublisher.class);

    private final Producer<String, byte[]> producer;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final InstanceId instanceId;
    private final DocMetrics metrics;
    private final long debounceNanos;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    private record Pending(long since, List<Map<String, Object>> entries) {
    }

    ChangePublisher(Producer<String, byte[]> producer, TopicsConfig topics, TopicLayout layout, InstanceId instanceId,
            DocMetrics metrics, DocConfig config) {
        this.producer = producer;
        this.topics = topics;
        this.layout = layout;
        this.instanceId = instanceId;
        this.metrics = metrics;
        this.debounceNanos = config.changesDebounce().toNanos();
    }

    /**
     * Publishes (or, debounced, collects) what one update or edit changed.
     *
     * @param kind {@code update} or {@code edit}
     * @param offset the offset of the record that caused it (the update, or the edit request)
     */
    public synchronized void publish(String docId, long offset, String kind, ChangeOrigin origin,
            Map<String, Map<String, Object>> roots) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("offset", (double) offset);
        entry.put("kind", kind);
        entry.put("origin", origin.toJson());
        entry.put("roots", roots);
        if (debounceNanos <= 0) {
            send(docId, List.of(entry));
            return;
        }
        pending.computeIfAbsent(docId, d -> new Pending(System.nanoTime(), new ArrayList<>())).entries().add(entry);
    }

    /** Tells followers of a document to read it again (an announced change did not happen). */
    public synchronized void reset(String docId, String reason) {
        flush(docId);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("reset", true);
        entry.put("reason", reason);
        send(docId, List.of(entry));
    }

    /** Sends the debounced changes whose time has come. */
    public synchronized void flushDue() {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Pending> e = it.next();
            if (now - e.getValue().since() >= debounceNanos) {
                send(e.getKey(), e.getValue().entries());
                it.remove();
            }
        }
    }

    private void flush(String docId) {
        Pending p = pending.remove(docId);
        if (p != null) {
            send(docId, p.entries());
        }
    }

    private void send(String docId, List<Map<String, Object>> entries) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("doc", docId);
        value.put("owner", instanceId.value());
        value.put("changes", entries);
        String json;
        try {
            json = Json.stringify(value);
        } catch (IllegalArgumentException e) {
            // a bigint cannot be shown in JSON (as in JavaScript): say so rather than drop silently
            metrics.error("change-json");
            json = Json.stringify(Map.of("doc", docId, "owner", instanceId.value(),
                "changes", List.of(Map.of("reset", true, "reason", "a change holds a value JSON cannot show"))));
        }
        try {
            producer.send(DocChanges.record(topics.changes(), layout.changePartitionOf(docId), docId, json,
                instanceId.value()), (metadata, error) -> {
                    if (error != null) {
                        metrics.error("change-produce");
                        LOG.warnf("change of %s not produced: %s", docId, error.getMessage());
                    }
                });
            metrics.changePublished();
        } catch (RuntimeException e) {
            metrics.error("change-produce");
            LOG.warnf("change of %s not produced: %s", docId, e.getMessage());
        }
    }
}
