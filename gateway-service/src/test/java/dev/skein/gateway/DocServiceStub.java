package dev.skein.gateway;

import dev.skein.messaging.KafkaClientSettings;
import dev.skein.contract.Partitions;
import dev.skein.contract.RecordKind;
import dev.skein.contract.SyncReplies;
import dev.skein.contract.SyncReply;
import dev.skein.contract.SyncRequest;
import dev.skein.contract.Topics;
import dev.skein.ycrdt.update.Updates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Plays doc-service for gateway tests: reads the update topic from the beginning, keeps every
 * update per document, and answers sync requests with the merged state diffed against the
 * requester's state vector (chunked by the contract).
 */
public final class DocServiceStub implements AutoCloseable {

    private final Map<String, List<byte[]>> updates = new ConcurrentHashMap<>();
    private final Map<String, List<String>> principals = new ConcurrentHashMap<>();
    private final List<SyncRequest> requests = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Thread thread;
    private final int replyPartitions;
    private volatile boolean answering = true;
    private volatile boolean running = true;

    public DocServiceStub(String bootstrapServers) {
        consumer = new KafkaConsumer<>(KafkaClientSettings.assigningConsumer(bootstrapServers, "doc-stub"));
        producer = new KafkaProducer<>(KafkaClientSettings.producer(bootstrapServers, "doc-stub", 8 << 20));
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(Topics.UPDATES_DEFAULT, Duration.ofSeconds(10))) {
            partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        replyPartitions = consumer.partitionsFor(Topics.SYNC_REPLIES_DEFAULT, Duration.ofSeconds(10)).size();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "doc-service-stub");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops or resumes answering sync requests (updates are still recorded). */
    public void answering(boolean answering) {
        this.answering = answering;
    }

    /** Updates seen for a document. */
    public List<byte[]> updatesOf(String docId) {
        return updates.getOrDefault(docId, List.of());
    }

    /** The clock of {@code client} in everything produced for a document (records may merge updates). */
    public long clockOf(String docId, long client) {
        List<byte[]> docUpdates = updatesOf(docId);
        return docUpdates.isEmpty() ? 0
            : dev.skein.ycrdt.id.StateVector.decode(Updates.encodeStateVectorFromUpdate(Updates.mergeUpdates(docUpdates))).get(client);
    }

    /** The principal header of each update seen for a document, in order ("" when absent). */
    public List<String> principalsOf(String docId) {
        return principals.getOrDefault(docId, List.of());
    }

    /** Produces an update record of the document as another instance would, and waits for Kafka's acknowledgement. */
    public void produceUpdate(String docId, byte[] update, String origin) throws Exception {
        int partitions = producer.partitionsFor(Topics.UPDATES_DEFAULT).size();
        producer.send(dev.skein.contract.DocumentRecords.update(Topics.UPDATES_DEFAULT,
            Partitions.forDocument(docId, partitions), docId, update, origin)).get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Sync requests seen. */
    public List<SyncRequest> requests() {
        return List.copyOf(requests);
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    RecordKind kind = RecordKind.of(record.headers()).orElse(null);
                    if (kind == RecordKind.UPDATE) {
                        updates.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>()).add(record.value());
                        principals.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>())
                            .add(dev.skein.contract.DocumentRecords.principal(record).orElse(""));
                    } else if (kind == RecordKind.SYNC_REQUEST) {
                        SyncRequest request = SyncRequest.fromRecord(record);
                        requests.add(request);
                        if (answering) {
                            answer(request);
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            running = false;
        }
    }

    private void answer(SyncRequest request) {
        List<byte[]> docUpdates = updatesOf(request.docId());
        byte[] state = docUpdates.isEmpty() ? new byte[] {0, 0} : Updates.mergeUpdates(docUpdates);
        SyncReply reply = new SyncReply(request.docId(), request.correlationId(), request.replyTo(),
            Updates.diffUpdate(state, request.stateVector()), Updates.encodeStateVectorFromUpdate(state));
        int partition = Partitions.forReplyTarget(request.replyTo(), replyPartitions);
        for (ProducerRecord<String, byte[]> record : SyncReplies.toRecords(
                Topics.SYNC_REPLIES_DEFAULT, partition, reply, SyncReplies.DEFAULT_MAX_PART_BYTES)) {
            producer.send(record);
        }
        producer.flush();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
        consumer.close();
        producer.close();
    }
}
