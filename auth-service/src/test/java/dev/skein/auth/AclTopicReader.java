package dev.skein.auth;

import dev.skein.contract.AclChanges;
import dev.skein.contract.AclChanges.AclChange;
import dev.skein.messaging.KafkaClientSettings;
import dev.skein.contract.Topics;
import dev.skein.testkit.kafka.KafkaTestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads every ACL change of one document from the beginning of the ACL-change topic. */
public final class AclTopicReader {

    private AclTopicReader() {
    }

    /** The changes of {@code docId} published so far, in order. */
    public static List<AclChange> changesOf(String docId) {
        return changesOf(KafkaTestResource.broker().bootstrapServers(), docId);
    }

    /** The changes of {@code docId} published so far on the broker at {@code bootstrapServers}, in order. */
    public static List<AclChange> changesOf(String bootstrapServers, String docId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClientSettings.assigningConsumer(
                bootstrapServers, "acl-reader"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACL_CHANGES_DEFAULT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            List<AclChange> changes = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (docId.equals(record.key())) {
                        changes.add(AclChanges.parse(record));
                    }
                }
            }
            return changes;
        }
    }
}
