package dev.skein.gateway.awareness;

import dev.skein.messaging.KafkaClientSettings;
import dev.skein.messaging.TopicBootstrap;
import dev.skein.contract.Topics;
import dev.skein.testkit.kafka.KafkaTestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads every record produced to the awareness topic from the moment it is created. */
final class AwarenessTopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    AwarenessTopicReader() {
        consumer = new KafkaConsumer<>(KafkaClientSettings.assigningConsumer(
            KafkaTestResource.broker().bootstrapServers(), "awareness-reader"));
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < TopicBootstrap.PARTITIONS_DEFAULT; p++) {
            partitions.add(new TopicPartition(Topics.AWARENESS_DEFAULT, p));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(10)));
    }

    /** The records read so far that match, after reading what arrived. */
    List<ConsumerRecord<String, byte[]>> matching(Predicate<ConsumerRecord<String, byte[]>> condition) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        return records.stream().filter(condition).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
