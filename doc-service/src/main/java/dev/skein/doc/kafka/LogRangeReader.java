package dev.skein.doc.kafka;

import dev.skein.messaging.KafkaClientSettings;
import dev.skein.contract.RecordKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one document's update records from a closed range of offsets of one partition, with a
 * short-lived consumer of its own. Used to take the records of a damaged stored object back from
 * the log, where retention may still keep them.
 */
public final class LogRangeReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final Duration timeout;

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param timeout how long one range read may take in all
     */
    public LogRangeReader(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /**
     * What the log still holds of a range.
     *
     * @param updates the document's update records found in the range, in log order
     * @param complete whether the log still had every offset of the range (else retention has
     *     deleted its beginning, or the read timed out)
     * @param firstAvailable the log's first offset at the time of the read
     */
    public record Range(List<byte[]> updates, boolean complete, long firstAvailable) {
    }

    /** Reads the {@code update} records of {@code docId} at offsets {@code from..to} (inclusive). */
    public Range read(String topic, int partition, long from, long to, String docId) {
        TopicPartition tp = new TopicPartition(topic, partition);
        Map<String, Object> settings = KafkaClientSettings.assigningConsumer(bootstrapServers,
            "skein-doc-range-" + UUID.randomUUID());
        List<byte[]> updates = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
            consumer.assign(List.of(tp));
            long first = consumer.beginningOffsets(List.of(tp), timeout).get(tp);
            long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
            long start = Math.max(from, first);
            long last = Math.min(to, end - 1);
            if (start > last) {
                return new Range(updates, first <= from && to < end, first);
            }
            consumer.seek(tp, start);
            long deadline = System.nanoTime() + timeout.toNanos();
            long position = start;
            while (position <= last && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() > last) {
                        break;
                    }
                    if (docId.equals(record.key()) && record.value() != null
                        && RecordKind.of(record.headers()).orElse(null) == RecordKind.UPDATE) {
                        updates.add(record.value());
                    }
                }
                position = consumer.position(tp);
            }
            boolean complete = first <= from && to < end && position > last;
            return new Range(updates, complete, first);
        }
    }
}
