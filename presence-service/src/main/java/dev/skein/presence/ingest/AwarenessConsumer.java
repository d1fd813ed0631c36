package dev.skein.presence.ingest;

import dev.skein.messaging.ConsumerLoop;
import dev.skein.messaging.InstanceId;
import dev.skein.messaging.KafkaClients;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import dev.skein.presence.config.PresenceConfig;
import dev.skein.presence.metrics.PresenceMetrics;
import dev.skein.presence.store.PresenceUnavailableException;
import dev.skein.presence.store.RedisStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The awareness topic's consumer, on its own thread, in the presence consumer group. Raw Kafka
 * client rather than SmallRye Reactive Messaging: the replay after a Redis outage seeks the
 * partitions back by time (see docs/architecture.md).
 *
 * <p>While Redis is down, records are counted and dropped (awareness keeps flowing between
 * clients: gateways relay it without this service). When Redis returns, the consumer goes back
 * by one state lifetime ({@code skein.presence.state-ttl}) on its partitions and replays: that
 * rebuilds every state that is still alive, including those Redis lost if it restarted empty.
 */
@Singleton
public class AwarenessConsumer extends ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(AwarenessConsumer.class);

    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final PresenceConfig config;
    private final TopicLayout layout;
    private final InstanceId instanceId;
    private final AwarenessIngest ingest;
    private final RedisStatus redis;
    private final PresenceMetrics metrics;
    private volatile boolean rebuildRequested;

    AwarenessConsumer(KafkaClients clients, TopicsConfig topics, PresenceConfig config, TopicLayout layout,
            InstanceId instanceId, AwarenessIngest ingest, RedisStatus redis, PresenceMetrics metrics) {
        super("skein-presence-consumer", Duration.ofMillis(200), Duration.ofSeconds(1));
        this.clients = clients;
        this.topics = topics;
        this.config = config;
        this.layout = layout;
        this.instanceId = instanceId;
        this.ingest = ingest;
        this.redis = redis;
        this.metrics = metrics;
        redis.onRecovery(() -> {
            rebuildRequested = true;
            wake();
        });
    }

    @Override
    protected void beforeConnect() throws Exception {
        layout.load();
    }

    /**
     * A group (partitions, so documents, are shared among the instances) that commits its
     * position, and starts at the end on its very first start, since awareness older than a
     * state's lifetime is worthless.
     */
    @Override
    protected KafkaConsumer<String, byte[]> createConsumer() {
        return clients.groupConsumer("awareness", config.consumerGroup(), Duration.ofSeconds(10), Map.of(
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"));
    }

    @Override
    protected void setUp(KafkaConsumer<String, byte[]> consumer) {
        consumer.subscribe(List.of(topics.awareness()), new ConsumerRebalanceListener() {
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

    @Override
    protected void handle(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            handle(record);
        }
    }

    @Override
    protected void afterPoll(KafkaConsumer<String, byte[]> consumer) {
        if (rebuildRequested) {
            rebuildRequested = false;
            try {
                rewind(consumer);
            } catch (WakeupException e) {
                rebuildRequested = true; // interrupted: afterPoll runs again and rewinds
                throw e;
            }
        }
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

    private void rewind(KafkaConsumer<String, byte[]> consumer) {
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
}
