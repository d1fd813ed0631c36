package dev.skein.persistence.kafka;

import dev.skein.persistence.config.PersistenceConfig;
import dev.skein.messaging.TopicsConfig;
import dev.skein.persistence.metrics.PersistenceMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * How far durable storage is behind the log: for every partition of the update topic, the records
 * between the persistence group's committed offset and the log's end. Measured from the broker's
 * view of the group, not from the consumer, so that it keeps growing while the consumer is down
 * (storage unreachable, instance restarting). Published as metrics and in the readiness check.
 */
@ApplicationScoped
public class StorageLag {

    private static final Logger LOG = Logger.getLogger(StorageLag.class);

    private final Admin admin;
    private final String topic;
    private final String group;
    private final Duration interval;
    private volatile long records = -1;
    private volatile long committedSum = -1;
    private volatile long stalledSinceNanos;
    private volatile boolean stalled;
    private ScheduledExecutorService timer;

    StorageLag(Admin admin, TopicsConfig topics, PersistenceConfig config, PersistenceMetrics metrics) {
        this.admin = admin;
        this.topic = topics.updates();
        this.group = config.groupId();
        this.interval = config.lagInterval();
        metrics.lag(() -> Math.max(0, records), this::stalledSeconds);
    }

    /** Starts measuring every {@code skein.persistence.lag-interval}. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "skein-persistence-lag");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::measureQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops measuring. */
    public synchronized void stop() {
        if (timer != null) {
            // the admin client is the service's shared one, closed by its producer (KafkaClients)
            timer.shutdownNow();
            timer = null;
        }
    }

    /** Records of the update topic not yet durably stored, as last measured; -1 before the first measurement. */
    public long records() {
        return records;
    }

    /** Seconds for which the lag has been above zero without the committed offsets advancing. */
    public double stalledSeconds() {
        return stalled ? (System.nanoTime() - stalledSinceNanos) / 1e9 : 0;
    }

    private void measureQuietly() {
        try {
            measure();
        } catch (Exception e) {
            // the broker is down or slow: keep the last figures, the consumer reports the failure
            LOG.debugf("storage lag not measured: %s", e.toString());
        }
    }

    private void measure() throws Exception {
        int partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
            .get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            earliest.put(new TopicPartition(topic, p), OffsetSpec.earliest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        long lag = 0;
        long sum = 0;
        for (TopicPartition tp : latest.keySet()) {
            long start = starts.get(tp).offset();
            OffsetAndMetadata done = committed.get(tp);
            long from = done == null ? start : Math.max(start, done.offset());
            lag += Math.max(0, ends.get(tp).offset() - from);
            sum += from;
        }
        long now = System.nanoTime();
        if (lag == 0 || sum > committedSum) {
            stalledSinceNanos = now;
        }
        stalled = lag > 0;
        committedSum = sum;
        records = lag;
    }
}
