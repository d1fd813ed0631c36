package dev.skein.presence.ingest;

import dev.skein.contract.RetryPause;
import dev.skein.presence.config.PresenceConfig;
import dev.skein.presence.config.TopicsConfig;
import dev.skein.presence.kafka.AwarenessPartitions;
import dev.skein.presence.kafka.InstanceId;
import dev.skein.presence.kafka.KafkaClients;
import dev.skein.presence.metrics.PresenceMetrics;
import dev.skein.presence.store.PresenceUnavailableException;
import dev.skein.presence.store.RedisStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The awareness topic's consumer, on its own thread, in the presence consumer group.
 *
 * <p>While Redis is down, records are counted and dropped (awareness keeps flowing between
 * clients: gateways relay it without this service). When Redis returns, the consumer goes back
 * by one state lifetime ({@code skein.presence.state-ttl}) on its partitions and replays: that
 * rebuilds every state that is still alive, including those Redis lost if it restarted empty.
 */
@ApplicationScoped
public class AwarenessConsumer {

    private static final Logger LOG = Logger.getLogger(AwarenessConsumer.class);

    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final PresenceConfig config;
    private final AwarenessPartitions partitions;
    private final InstanceId instanceId;
    private final AwarenessIngest ingest;
    private final RedisStatus redis;
    private final PresenceMetrics metrics;
    private volatile boolean running;
    private volatile boolean ready;
    private volatile boolean rebuildRequested;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    AwarenessConsumer(KafkaClients clients, TopicsConfig topics, PresenceConfig config, AwarenessPartitions partitions,
            InstanceId instanceId, AwarenessIngest ingest, RedisStatus redis, PresenceMetrics metrics) {
        this.clients = clients;
        this.topics = topics;
        this.config = config;
        this.partitions = partitions;
        this.instanceId = instanceId;
        this.ingest = ingest;
        this.redis = redis;
        this.metrics = metrics;
        redis.onRecovery(() -> rebuildRequested = true);
    }

    /** Starts the consuming thread (idempotent). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "skein-presence-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread and closes the consumer. */
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the consumer has partitions assigned and polls them. */
    public boolean isReady() {
        return ready;
    }

    private void run() {
        while (running && consumer == null) {
            try {
                setUp();
            } catch (WakeupException e) {
                break;
            } catch (Exception e) {
                LOG.warnf("Kafka not ready yet (%s); retrying", e.getMessage());
                closeConsumer();
                pause();
            }
        }
        try {
            while (running) {
                if (rebuildRequested) {
                    rebuildRequested = false;
                    rewind();
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    handle(record);
                }
                ready = !consumer.assignment().isEmpty();
            }
        } catch (WakeupException e) {
            LOG.debug("awareness consumer woken up to stop");
        } catch (RuntimeException e) {
            LOG.error("awareness consumer stopped", e);
        } finally {
            ready = false;
            closeConsumer();
        }
    }

    private void setUp() throws Exception {
        partitions.load();
        KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(clients.consumerSettings(instanceId, config));
        consumer = created;
        created.subscribe(List.of(topics.awareness()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                // nothing held per partition: the states live in Redis
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                LOG.infof("presence %s consumes %d awareness partitions", instanceId.value(), assigned.size());
            }
        });
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (!redis.isUp()) {
            metrics.dropped("redis-unavailable");
            return;
        }
        try {
            ingest.apply(record);
        } catch (PresenceUnavailableException e) {
            metrics.dropped("redis-unavailable");
            LOG.debugf("record %s-%d@%d not stored: %s", record.topic(), record.partition(), record.offset(),
                e.getMessage());
        } catch (RuntimeException e) {
            metrics.dropped("malformed");
            LOG.warnf("skipped record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private void rewind() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        long from = System.currentTimeMillis() - config.stateTtl().toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        assigned.forEach(partition -> query.put(partition, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query, Duration.ofSeconds(5));
        int rewound = 0;
        for (TopicPartition partition : assigned) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset != null && offset.offset() < consumer.position(partition)) {
                consumer.seek(partition, offset.offset());
                rewound++;
            }
        }
        LOG.infof("Redis is back: replaying the last %s of %d awareness partitions", config.stateTtl(), rewound);
    }

    private void closeConsumer() {
        KafkaConsumer<String, byte[]> current = consumer;
        consumer = null;
        if (current != null) {
            try {
                current.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debugf("closing consumer: %s", e.getMessage());
            }
        }
    }

    private void pause() {
        if (!RetryPause.pause(Duration.ofSeconds(1))) {
            running = false;
        }
    }
}
