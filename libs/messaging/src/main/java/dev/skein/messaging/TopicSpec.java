package dev.skein.messaging;

import java.util.Map;

/**
 * A topic to create at start-up.
 *
 * @param name topic name
 * @param partitions number of partitions
 * @param replicationFactor replication factor
 * @param configs topic-level configuration (for example {@code max.message.bytes})
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    /** Checks the values and copies the configuration. */
    public TopicSpec {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive");
        }
        if (replicationFactor <= 0) {
            throw new IllegalArgumentException("replication factor must be positive");
        }
        configs = Map.copyOf(configs);
    }
}
