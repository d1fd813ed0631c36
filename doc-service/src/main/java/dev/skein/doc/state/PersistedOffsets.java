package dev.skein.doc.state;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads persistence-service's committed offsets: below a partition's committed offset every
 * record is in storage (it commits only after writing).
 */
final class PersistedOffsets {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final String group;

    PersistedOffsets(Admin admin, String group) {
        this.admin = admin;
        this.group = group;
    }

    /**
     * The persistence group's committed offset of a partition; empty when it has committed
     * nothing there yet (the whole log is then still needed).
     *
     * @throws IllegalStateException if Kafka does not answer: replaying from a guessed offset could lose data
     */
    OptionalLong committed(String topic, int partition) {
        TopicPartition key = new TopicPartition(topic, partition);
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            OffsetAndMetadata offset = offsets.get(key);
            return offset == null ? OptionalLong.empty() : OptionalLong.of(offset.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the offsets of " + group, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the committed offsets of " + group, e);
        }
    }
}
