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

    @Test
    void everyTopicIsCreated() {
        java.util.List<String> names = TopicBootstrap.standardTopics(dev.skein.contract.Topics.defaults(), 8, (short) 1, 1024)
            .stream().map(TopicSpec::name).toList();
        assertEquals(java.util.List.of("skein.doc.updates", "skein.doc.sync-replies", "skein.doc.awareness",
            "skein.acl.changes", "skein.doc.changes"), names);
    }
}
