package dev.skein.localrun;

import dev.skein.contract.OwnerWake;
import dev.skein.contract.RecordHeaders;
import dev.skein.contract.SyncReplies;
import dev.skein.contract.SyncReply;
import dev.skein.contract.SyncRequest;
import dev.skein.messaging.KafkaClientSettings;
import dev.skein.testkit.fs.Directories;
import dev.skein.testkit.kafka.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka part of a join on its own: the sync request and its answer, the two broker hops every
 * join takes in Skein, with nothing else on the broker. A broker started as the local run starts
 * it; a "gateway" producing real sync request records (with the owner-wake padding) and reading
 * the reply partition with the gateway's live-delivery settings; an "owner" reading the update
 * partition with doc-service's batched settings and answering each request at once with a reply of
 * {@code --reply-bytes} (default: the B4 document's compacted state), produced as doc-service does.
 * Joins run one after the other, as the bench's bigdoc scenario runs them; after the warm-up joins
 * it reports the round trip and each hop (the same JVM's clock): the floor under a join's time that
 * no gateway or doc-service work is part of.
 *
 * <pre>
 * java -cp … dev.skein.localrun.JoinHop [--joins 200] [--warmup-joins 400] [--reply-bytes 276982] [--pause-ms 20]
 * </pre>
 */
public final class JoinHop {

    private static final String UPDATES = "join.updates";
    private static final String REPLIES = "join.replies";
    private static final byte[] EMPTY_STATE_VECTOR = {0};

    private final byte[] update;
    private final Map<String, Long> requestSent = new ConcurrentHashMap<>();
    private final Map<String, Long> requestSeen = new ConcurrentHashMap<>();
    private final Map<String, Long> replySent = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Long>> replies = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    private JoinHop(int replyBytes) {
        this.update = new byte[replyBytes];
        new Random(16).nextBytes(update);
    }

    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        int joins = BenchArgs.intOption(list, "--joins", 200);
        int warmup = BenchArgs.intOption(list, "--warmup-joins", 400);
        int replyBytes = BenchArgs.intOption(list, "--reply-bytes", 276_982);
        int pauseMillis = BenchArgs.intOption(list, "--pause-ms", 20);
        Path dir = Directories.createTempForThisJvm("skein-joinhop-");
        try (KafkaBroker broker = KafkaBroker.start(KafkaComponent.options(dir.resolve("kafka"), 0, Duration.ofSeconds(120)))) {
            broker.createTopics(Map.of(UPDATES, 1, REPLIES, 1));
            new JoinHop(replyBytes).run(broker.bootstrapServers(), joins, warmup, pauseMillis);
        }
    }

    private void run(String servers, int joins, int warmup, int pauseMillis) throws Exception {
        Thread owner = new Thread(() -> owner(servers), "joinhop-owner");
        owner.setDaemon(true);
        owner.start();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClientSettings.producer(servers, "gateway", 1 << 20));
                KafkaConsumer<String, byte[]> live = new KafkaConsumer<>(KafkaClientSettings.assigningConsumer(servers, "gateway-live"))) {
            TopicPartition replyPartition = new TopicPartition(REPLIES, 0);
            live.assign(List.of(replyPartition));
            live.seekToEnd(List.of(replyPartition));
            live.position(replyPartition);
            long[] roundTrip = new long[joins];
            long[] requestHop = new long[joins];
            long[] replyHop = new long[joins];
            for (int i = -warmup; i < joins; i++) {
                String correlationId = UUID.randomUUID().toString();
                CompletableFuture<Long> answered = new CompletableFuture<>();
                replies.put(correlationId, answered);
                long sent = System.nanoTime();
                requestSent.put(correlationId, sent);
                producer.send(new SyncRequest("doc", correlationId, "gateway", EMPTY_STATE_VECTOR).toRecord(UPDATES, 0));
                while (!answered.isDone()) {
                    for (ConsumerRecord<String, byte[]> record : live.poll(Duration.ofMillis(200))) {
                        RecordHeaders.get(record.headers(), RecordHeaders.CORRELATION_ID)
                            .map(replies::remove).ifPresent(future -> future.complete(System.nanoTime()));
                    }
                }
                if (i >= 0) {
                    long received = answered.get();
                    roundTrip[i] = received - sent;
                    requestHop[i] = requestSeen.get(correlationId) - sent;
                    replyHop[i] = received - replySent.get(correlationId);
                }
                requestSent.remove(correlationId);
                requestSeen.remove(correlationId);
                replySent.remove(correlationId);
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
            }
            System.out.printf(Locale.ROOT, "joinhop: %d joins after %d of warm-up, reply of %d bytes: round trip %s;"
                    + " request hop %s; reply hop %s%n", joins, warmup, update.length, line(roundTrip),
                    line(requestHop), line(replyHop));
            System.out.printf(Locale.ROOT, "{\"scenario\":\"joinhop\",\"joins\":%d,\"warmup_joins\":%d,\"reply_bytes\":%d,"
                    + "\"round_trip_ms\":%s,\"request_hop_ms\":%s,\"reply_hop_ms\":%s}%n", joins, warmup, update.length,
                    json(roundTrip), json(requestHop), json(replyHop));
        } finally {
            running.set(false);
            owner.join(5_000);
        }
    }

    /** doc-service's part: its update log's batched fetch, woken by the request's padding, and its reply. */
    private void owner(String servers) {
        Map<String, Object> settings = KafkaClientSettings.assigningConsumer(servers, "doc-update-log");
        settings.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, OwnerWake.FETCH_MIN_BYTES);
        try (KafkaConsumer<String, byte[]> log = new KafkaConsumer<>(settings);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClientSettings.producer(servers, "doc", 1 << 20))) {
            TopicPartition partition = new TopicPartition(UPDATES, 0);
            log.assign(List.of(partition));
            log.seekToEnd(List.of(partition));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : log.poll(Duration.ofMillis(200))) {
                    long seen = System.nanoTime();
                    SyncRequest request = SyncRequest.fromRecord(record);
                    requestSeen.put(request.correlationId(), seen);
                    SyncReply reply = new SyncReply(request.docId(), request.correlationId(), request.replyTo(), update,
                        EMPTY_STATE_VECTOR);
                    replySent.put(request.correlationId(), System.nanoTime());
                    for (ProducerRecord<String, byte[]> part : SyncReplies.toRecords(REPLIES, 0, reply,
                            SyncReplies.DEFAULT_MAX_PART_BYTES)) {
                        producer.send(part);
                    }
                }
            }
        }
    }

    private static String line(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "p50 %.2f ms, p90 %.2f ms, max %.2f ms", millis(sorted, 0.5), millis(sorted, 0.9),
            sorted[sorted.length - 1] / 1e6);
    }

    private static String json(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "{\"p50\":%.3f,\"p90\":%.3f,\"max\":%.3f}", millis(sorted, 0.5), millis(sorted, 0.9),
            sorted[sorted.length - 1] / 1e6);
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }
}
