package dev.skein.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Pins the topic settings every service reads the same way. */
class MessagingConstantsTest {

    @Test
    void topicCreationAndRecordSize() {
        assertEquals("skein.topics.create", TopicBootstrap.ENABLED_KEY);
        assertEquals("skein.topics.partitions", TopicBootstrap.PARTITIONS_KEY);
        assertEquals(8, TopicBootstrap.PARTITIONS_DEFAULT);
        assertEquals("skein.topics.replication-factor", TopicBootstrap.REPLICATION_FACTOR_KEY);
        assertEquals(1, TopicBootstrap.REPLICATION_FACTOR_DEFAULT);
        assertEquals("skein.topics.max-record-bytes", KafkaClientSettings.MAX_RECORD_BYTES_KEY);
        assertEquals(8 * 1024 * 1024, KafkaClientSettings.MAX_RECORD_BYTES_DEFAULT);
    }
}
