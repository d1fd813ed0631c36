package dev.skein.localrun;

import dev.skein.contract.OwnerWake;
import dev.skein.messaging.KafkaClientSettings;
import dev.skein.testkit.fs.Directories;
import dev.skein.testkit.kafka.KafkaBroker;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka hop of a fanout on its own: a broker started as the local run starts it, one producer
 * with the gateway's settings writing small records at a steady rate into one partition, and the
 * consumers Skein puts on that partition (the gateway's live delivery fetching each record at once,
 * doc-service's update log in 16 KiB batches held at most 100 ms, persistence-service in 64 KiB
 * batches) plus doc-service's
 * change producer, each with Skein's own client settings. It reports the broker's CPU per 100,000
 * deliveries at a given number of readers per update, the figure the bench's fanout reports: what
 * the broker costs with no service, no JIT of other JVMs and no load generator beside it — the
 * floor under the bench's broker figure.
 *
 * <pre>
 * java -cp … dev.skein.localrun.BrokerHop --rate 200 --warmup 60 --duration 20 --readers 50 [--minimal]
 * </pre>
 *
 * {@code --minimal} keeps only the producer and one live consumer; {@code --broker-property key=value}
 * (repeatable) changes a broker setting, for trying broker settings against the same load.
 */
public final class BrokerHop {

    private static final String UPDATES = "hop.updates";
    private static final String CHANGES = "hop.changes";
    private static final int RECORD_BYTES = 40; // a keystroke's Yjs update is 20-40 bytes

    private final int rate;
    private final int readers;
    private final boolean minimal;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private volatile long delivered;

    private BrokerHop(int rate, int readers, boolean minimal) {
        this.rate = rate;
        this.readers = readers;
        this.minimal = minimal;
    }

    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        int rate = BenchArgs.intOption(list, "--rate", 200);
        int warmup = BenchArgs.intOption(list, "--warmup", 60);
        int duration = BenchArgs.intOption(list, "--duration", 20);
        int readers = BenchArgs.intOption(list, "--readers", 50);
        boolean minimal = list.contains("--minimal");
        Path dir = Directories.createTempForThisJvm("skein-brokerhop-");
        KafkaBroker.Options options = KafkaComponent.options(dir.resolve("kafka"), 0, Duration.ofSeconds(120));
        for (int at = list.indexOf("--broker-property"); at >= 0 && at + 1 < list.size();
                at = indexOf(list, "--broker-property", at + 2)) {
            String[] pair = list.get(at + 1).split("=", 2);
            options = options.brokerProperty(pair[0], pair[1]);
        }
        try (KafkaBroker broker = KafkaBroker.start(options)) {
            broker.createTopics(Map.of(UPDATES, 1, CHANGES, 1));
            new BrokerHop(rate, readers, minimal).run(broker, warmup, duration);
        }
    }

    private void run(KafkaBroker broker, int warmupSeconds, int durationSeconds) throws Exception {
        String servers = broker.bootstrapServers();
        startLiveConsumer(servers, "gateway-live");
        if (!minimal) {
            startOwnerConsumer(servers, "doc-update-log");
            startBatchedConsumer(servers, "persistence");
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaClientSettings.producer(servers, "gateway", 1 << 20));
             KafkaProducer<String, byte[]> changes = new KafkaProducer<>(changeProducerSettings(servers))) {
            produce(producer, changes, warmupSeconds);
            long cpuBefore = ProcCpu.ticks(broker.pid());
            long sentBefore = delivered;
            long records = produce(producer, changes, durationSeconds);
            producer.flush();
            double cpuSeconds = (ProcCpu.ticks(broker.pid()) - cpuBefore) / ProcCpu.TICKS_PER_SECOND;
            double per100k = cpuSeconds * 100_000 / ((double) records * readers);
            System.out.printf("brokerhop: %s, %d records/s for %d s after %d s of warm-up: %d records, %d fetched by"
                    + " the live consumer; broker CPU %.2f s, %.2f s per 100,000 deliveries at %d readers per record%n",
                    minimal ? "minimal (one producer, one consumer)" : "Skein's clients of a fanout", rate,
                    durationSeconds, warmupSeconds, records, delivered - sentBefore, cpuSeconds, per100k, readers);
            System.out.printf("{\"scenario\":\"brokerhop\",\"minimal\":%b,\"rate\":%d,\"duration_s\":%d,\"warmup_s\":%d,"
                    + "\"records\":%d,\"broker_cpu_s\":%.3f,\"broker_cpu_s_per_100k_deliveries\":%.3f,\"readers\":%d}%n",
                    minimal, rate, durationSeconds, warmupSeconds, records, cpuSeconds, per100k, readers);
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(5_000);
            }
        }
    }

    private Map<String, Object> changeProducerSettings(String servers) {
        return KafkaClientSettings.lingeringProducer(servers, "changes", 1 << 20, Duration.ofMillis(20));
    }

    /** Sends {@code rate} records a second for {@code seconds}; returns how many. */
    private long produce(KafkaProducer<String, byte[]> producer, KafkaProducer<String, byte[]> changes, int seconds) {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long sent = 0;
        byte[] value = new byte[RECORD_BYTES];
        for (long next = start; next < end; next += intervalNanos) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            ByteBuffer.wrap(value).putLong(System.nanoTime());
            producer.send(new ProducerRecord<>(UPDATES, 0, "doc", value.clone()));
            if (!minimal) {
                changes.send(new ProducerRecord<>(CHANGES, 0, "doc", value.clone()));
            }
            sent++;
        }
        return sent;
    }

    private void startLiveConsumer(String servers, String role) {
        startConsumer(KafkaClientSettings.assigningConsumer(servers, role), role, true);
    }

    /** doc-service's update log: batched fetches that only its requests wake (no request here). */
    private void startOwnerConsumer(String servers, String role) {
        Map<String, Object> settings = KafkaClientSettings.assigningConsumer(servers, role);
        settings.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, OwnerWake.FETCH_MIN_BYTES);
        startConsumer(settings, role, false);
    }

    private void startBatchedConsumer(String servers, String role) {
        Map<String, Object> settings = KafkaClientSettings.assigningConsumer(servers, role);
        settings.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 65_536);
        startConsumer(settings, role, false);
    }

    private void startConsumer(Map<String, Object> settings, String role, boolean counts) {
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
                TopicPartition partition = new TopicPartition(UPDATES, 0);
                consumer.assign(List.of(partition));
                consumer.seekToEnd(List.of(partition));
                while (running.get()) {
                    int n = 0;
                    for (ConsumerRecord<String, byte[]> ignored : consumer.poll(Duration.ofMillis(200))) {
                        n++;
                    }
                    if (counts) {
                        delivered += n;
                    }
                }
            }
        }, "brokerhop-" + role);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
    }

    private static int indexOf(List<String> args, String name, int from) {
        for (int i = from; i < args.size(); i++) {
            if (args.get(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
