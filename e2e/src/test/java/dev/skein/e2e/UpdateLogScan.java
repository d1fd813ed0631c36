package dev.skein.e2e;

import dev.skein.messaging.KafkaClientSettings;
import dev.skein.contract.Partitions;
import dev.skein.contract.RecordKind;
import dev.skein.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a document's partition of the update topic from the beginning to its current end. */
final class UpdateLogScan {

    private final String bootstrapServers;

    UpdateLogScan(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** An update record of a document: its offset in the partition and its Yjs update. */
    record Logged(long offset, byte[] update) {
    }

    /** Every update record of {@code doc}, in log order. */
    List<Logged> updateRecords(String doc) {
        List<Logged> found = new ArrayList<>();
        scan(doc, record -> found.add(new Logged(record.offset(), record.value())));
        return found;
    }

    /** Number of update records of {@code doc}. */
    int updates(String doc) {
        return updatesContaining(doc, "");
    }

    /** Number of update records of {@code doc} whose bytes contain {@code token} (UTF-8). */
    int updatesContaining(String doc, String token) {
        byte[] needle = token.getBytes(StandardCharsets.UTF_8);
        int[] count = {0};
        scan(doc, record -> {
            if (contains(record.value(), needle)) {
                count[0]++;
            }
        });
        return count[0];
    }

    /** Hands every update record of {@code doc} to {@code each}, from the partition's start to its current end. */
    private void scan(String doc, Consumer<ConsumerRecord<String, byte[]>> each) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaClientSettings.assigningConsumer(bootstrapServers, "e2e-scan"))) {
            int partitions = consumer.partitionsFor(Topics.UPDATES_DEFAULT, Duration.ofSeconds(10)).size();
            TopicPartition partition = new TopicPartition(Topics.UPDATES_DEFAULT, Partitions.forDocument(doc, partitions));
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Map<TopicPartition, Long> end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(10));
            while (consumer.position(partition) < end.get(partition)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (doc.equals(record.key()) && RecordKind.of(record.headers()).orElse(null) == RecordKind.UPDATE) {
                        each.accept(record);
                    }
                }
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
