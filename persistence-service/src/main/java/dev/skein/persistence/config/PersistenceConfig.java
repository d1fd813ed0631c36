package dev.skein.persistence.config;

import dev.skein.storage.s3.StorageSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of a persistence-service instance ({@code skein.persistence.*}); see the README. */
@ConfigMapping(prefix = "skein.persistence")
public interface PersistenceConfig {

    /** This instance's id (Kafka client ids, logs); random when not set. */
    Optional<String> instanceId();

    /** Consumer group over the update topic; its committed offsets say what is durably stored. */
    @WithDefault(StorageSettings.PERSISTENCE_GROUP_DEFAULT)
    String groupId();

    /** How long a dead instance keeps its partitions before the group hands them over. */
    @WithDefault("10s")
    Duration sessionTimeout();

    /** When a document's buffered updates are written as a batch. */
    Flush flush();

    /**
     * Bytes the broker gathers before answering a fetch (it answers after the consumer's 100 ms
     * fetch wait at the latest). Batches wait seconds anyway, so waiting for 64 KiB costs nothing
     * and saves one fetch, and one wake-up of broker and consumer, per produced record.
     */
    @WithDefault("65536")
    int fetchMinBytes();

    /** How often committed offsets advance (at most); revocation and shutdown commit at once. */
    @WithDefault("1s")
    Duration commitInterval();

    /** Yjs encoding of written objects: {@code v1} or {@code v2}. */
    @WithDefault("v1")
    String encoding();

    /** How long to wait before consuming again after storage or Kafka failed. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** How often the group's lag behind the log is measured (metrics, readiness). */
    @WithDefault("5s")
    Duration lagInterval();

    /** Compaction of a document's batches into a snapshot. */
    Compaction compaction();

    /** Flush bounds: whichever is reached first writes the document's batch. */
    interface Flush {

        /** Buffered updates of one document. */
        @WithDefault("500")
        int maxUpdates();

        /** Buffered bytes of one document. */
        @WithDefault("1048576")
        long maxBytes();

        /** Age of a document's oldest buffered update. */
        @WithDefault("2s")
        Duration maxAge();
    }

    /** Compaction settings. */
    interface Compaction {

        /** Whether documents are compacted automatically after flushes. */
        @WithDefault("true")
        boolean enabled();

        /** Batches above the newest snapshot that trigger a compaction. */
        @WithDefault("16")
        int batchThreshold();

        /** Snapshots kept per document (the newest first); older ones are deleted. At least 1. */
        @WithDefault("2")
        int keepSnapshots();
    }
}
