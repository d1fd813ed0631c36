package dev.skein.presence;

import dev.skein.contract.AwarenessRecords;
import dev.skein.contract.DocumentRecords;
import dev.skein.messaging.KafkaClientSettings;
import dev.skein.contract.Partitions;
import dev.skein.contract.RecordKind;
import dev.skein.messaging.TopicBootstrap;
import dev.skein.contract.Topics;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Plays gateways on the real awareness topic: produces their awareness records and heartbeats,
 * and reads what presence-service broadcasts.
 */
public final class AwarenessTopic implements AutoCloseable {

    private static final String TOPIC = Topics.AWARENESS_DEFAULT;

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

    /** Connects and positions the reader at the end of every partition. */
    public AwarenessTopic() {
        String servers = KafkaTestResource.broker().bootstrapServers();
        producer = new KafkaProducer<>(KafkaClientSettings.producer(servers, "test-gateway", 1 << 20));
        consumer = new KafkaConsumer<>(KafkaClientSettings.assigningConsumer(servers, "test-reader"));
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < TopicBootstrap.PARTITIONS_DEFAULT; p++) {
            partitions.add(new TopicPartition(TOPIC, p));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(10)));
    }

    /** Produces an awareness update of one client, as gateway {@code gateway} would. */
    public void state(String gateway, String docId, long clientId, long clock, String stateJson) {
        raw(gateway, docId, AwarenessUpdate.encode(List.of(new AwarenessUpdate.Entry(clientId, clock, stateJson))));
    }

    /** Produces an arbitrary awareness record value. */
    public void raw(String gateway, String docId, byte[] value) {
        send(AwarenessRecords.awareness(TOPIC, Partitions.forDocument(docId, TopicBootstrap.PARTITIONS_DEFAULT),
            docId, value, gateway + "/conn", gateway, AwarenessRecords.ANONYMOUS));
    }

    /** Sends one heartbeat of a gateway. */
    public void heartbeat(String gateway) {
        send(AwarenessRecords.heartbeat(TOPIC, gateway));
    }

    /** Keeps a gateway alive until the returned handle is cancelled. */
    public ScheduledFuture<?> keepAlive(String gateway) {
        return heartbeats.scheduleAtFixedRate(() -> heartbeat(gateway), 0, 300, TimeUnit.MILLISECONDS);
    }

    /** Removal entries presence-service broadcast so far for a document, after reading what arrived. */
    public List<AwarenessUpdate.Entry> removalsOf(String docId) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            seen.add(record);
        }
        List<AwarenessUpdate.Entry> removals = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : seen) {
            boolean fromPresence = DocumentRecords.origin(record).map(origin -> origin.startsWith("presence/"))
                .orElse(false);
            if (docId.equals(record.key()) && RecordKind.of(record.headers()).orElse(null) == RecordKind.AWARENESS
                    && fromPresence) {
                AwarenessUpdate.decode(record.value()).stream().filter(AwarenessUpdate.Entry::removed)
                    .forEach(removals::add);
            }
        }
        return removals;
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("record not produced", e);
        }
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
