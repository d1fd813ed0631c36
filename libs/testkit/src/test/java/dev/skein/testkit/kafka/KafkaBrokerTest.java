package dev.skein.testkit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One broker for the class: data round trips, topic creation, and a crash with restart. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaBrokerTest {

    private KafkaBroker kafka;

    @BeforeAll
    void startBroker() {
        kafka = KafkaBroker.start(KafkaBroker.Options.defaults());
    }

    @AfterAll
    void closeBroker() {
        kafka.close();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertEquals("127.0.0.1:" + kafka.port(), kafka.bootstrapServers());
        assertNotEquals(kafka.port(), kafka.controllerPort());
    }

    @Test
    void producesAndConsumesAThousandRecordsOnEightPartitions() throws Exception {
        kafka.createTopics(Map.of("round-trip", 8));

        List<RecordMetadata> acks = KafkaRecords.produce(kafka.bootstrapServers(), "round-trip", 1_000);
        List<ConsumerRecord<String, String>> records = KafkaRecords.consume(kafka.bootstrapServers(), "round-trip", 1_000);

        assertEquals(8, acks.stream().map(RecordMetadata::partition).distinct().count(), "keys spread over all partitions");
        assertEquals(1_000, records.size());
        Set<String> values = records.stream().map(ConsumerRecord::value).collect(Collectors.toSet());
        assertEquals(IntStream.range(0, 1_000).mapToObj(i -> "value-" + i).collect(Collectors.toSet()), values);
    }

    @Test
    void createTopicsIsIdempotentAndAutoCreationIsOff() throws Exception {
        kafka.createTopics(Map.of("created-twice", 3));
        kafka.createTopics(Map.of("created-twice", 5, "created-once", 2));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("created-twice", "created-once"))
                    .allTopicNames().get();
            assertEquals(3, topics.get("created-twice").partitions().size(), "an existing topic is left as it is");
            assertEquals(2, topics.get("created-once").partitions().size());
            assertEquals("false", admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.BROKER, "1")))
                    .all().get().values().iterator().next().get("auto.create.topics.enable").value());
        }
    }

    @Test
    void keepsItsDataWhenKilledAndRestarted() throws Exception {
        kafka.createTopics(Map.of("survives-crash", 4));
        KafkaRecords.produce(kafka.bootstrapServers(), "survives-crash", 100);
        long killedPid = kafka.pid();

        kafka.kill();

        assertFalse(kafka.isRunning());
        assertFalse(ProcessHandle.of(killedPid).map(ProcessHandle::isAlive).orElse(false));

        kafka.restart();

        assertTrue(kafka.isRunning());
        assertNotEquals(killedPid, kafka.pid());
        List<ConsumerRecord<String, String>> records = KafkaRecords.consume(kafka.bootstrapServers(), "survives-crash", 100);
        assertEquals(100, records.size());
    }
}
