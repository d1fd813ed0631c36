package dev.skein.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.testkit.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A loop that is woken while its {@code afterPoll} makes blocking consumer calls (as the gateway's
 * live delivery does when a connection to a new document arrives: reassign, then look positions
 * up) keeps its consumer and misses nothing. Before the fix the wake-up escaped afterPoll, the loop
 * silently started a fresh consumer from the end of the log, and a sync reply produced in between
 * was never delivered.
 */
class ConsumerLoopWakeupTest {

    private static final String TOPIC = "loop-wakeup";
    private static final int RECORDS = 3_000;
    private static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start();
        broker.createTopics(Map.of(TOPIC, 4));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void wakeUpsDuringAfterPollLoseNothingAndKeepTheConsumer() throws Exception {
        TogglingLoop loop = new TogglingLoop(broker.bootstrapServers());
        loop.start();
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread waker = new Thread(() -> {
            while (producing.get()) {
                loop.toggleAndWake();
                try {
                    Thread.sleep(1); // the scenario's pace: a wake-up every millisecond
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        waker.start();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaClientSettings.producer(broker.bootstrapServers(), "loop-test", 1 << 20))) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "k", Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
                if (i % 100 == 0) {
                    producer.flush();
                    Thread.sleep(20); // records arrive over a few seconds, among the wake-ups
                }
            }
            producer.flush();
            // until all arrived, or the loop started over (the assertions below then say how)
            await().atMost(Duration.ofSeconds(60)).until(() -> loop.received().size() >= RECORDS
                || loop.consumersCreated() > 1);
        } finally {
            producing.set(false);
            waker.join();
            loop.stop();
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            expected.add(i);
        }
        assertEquals(1, loop.consumersCreated(), "the loop kept its one consumer");
        assertEquals(expected, loop.received(), "every record once, in order");
        assertTrue(loop.wakeupsInAfterPoll() > 0, "wake-ups did land in afterPoll's consumer calls");
    }

    /** Reads partition 0 from the start; afterPoll adds or drops partitions 1–3 as asked, looking positions up. */
    private static final class TogglingLoop extends ConsumerLoop {

        private final String bootstrapServers;
        private final List<Integer> received = new ArrayList<>();
        private final TopicPartition data = new TopicPartition(TOPIC, 0);
        private volatile boolean wide;
        private Set<TopicPartition> applying;

        TogglingLoop(String bootstrapServers) {
            super("loop-wakeup-test", Duration.ofMillis(100), Duration.ofMillis(200));
            this.bootstrapServers = bootstrapServers;
        }

        void toggleAndWake() {
            wide = !wide;
            wake();
        }

        synchronized List<Integer> received() {
            return new ArrayList<>(received);
        }

        @Override
        protected KafkaConsumer<String, byte[]> createConsumer() {
            return new KafkaConsumer<>(KafkaClientSettings.assigningConsumer(bootstrapServers, "loop-test"));
        }

        @Override
        protected void setUp(KafkaConsumer<String, byte[]> consumer) {
            consumer.assign(List.of(data));
            consumer.seekToBeginning(List.of(data));
        }

        @Override
        protected void handle(ConsumerRecords<String, byte[]> records) {
            synchronized (this) {
                for (ConsumerRecord<String, byte[]> record : records) {
                    received.add(Integer.parseInt(new String(record.value(), StandardCharsets.UTF_8)));
                }
            }
        }

        @Override
        protected void afterPoll(KafkaConsumer<String, byte[]> consumer) {
            Set<TopicPartition> target = new HashSet<>(Set.of(data));
            if (wide) {
                for (int p = 1; p < 4; p++) {
                    target.add(new TopicPartition(TOPIC, p));
                }
            }
            if (!target.equals(consumer.assignment())) {
                applying = target;
            }
            if (applying != null) {
                Set<TopicPartition> added = new HashSet<>(applying);
                added.removeAll(consumer.assignment());
                consumer.assign(applying);
                if (!added.isEmpty()) {
                    consumer.seekToEnd(added);
                }
                for (TopicPartition partition : applying) {
                    consumer.position(partition, Duration.ofSeconds(10));
                }
                applying = null;
            }
        }
    }
}
