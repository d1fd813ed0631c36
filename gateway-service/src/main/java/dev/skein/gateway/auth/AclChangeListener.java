package dev.skein.gateway.auth;

import dev.skein.contract.RetryPause;
import dev.skein.contract.AclChanges;
import dev.skein.contract.KafkaClientSettings;
import dev.skein.contract.MalformedRecordException;
import dev.skein.gateway.config.TopicsConfig;
import dev.skein.gateway.kafka.InstanceId;
import dev.skein.gateway.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Reads the ACL-change topic from its end (every gateway reads every partition: a change must
 * reach whichever instance holds the connection) and hands each change to {@link AccessEnforcer}.
 * Runs only while authentication is on. A record it cannot parse is skipped and logged.
 */
@ApplicationScoped
public class AclChangeListener {

    private static final Logger LOG = Logger.getLogger(AclChangeListener.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final AuthConfig config;
    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final InstanceId instanceId;
    private final AccessEnforcer enforcer;
    private volatile boolean running;
    private volatile boolean ready;
    private volatile KafkaConsumer<String, byte[]> consumer;

    AclChangeListener(AuthConfig config, KafkaClients clients, TopicsConfig topics, InstanceId instanceId,
            AccessEnforcer enforcer) {
        this.config = config;
        this.clients = clients;
        this.topics = topics;
        this.instanceId = instanceId;
        this.enforcer = enforcer;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        Thread thread = new Thread(this::run, "skein-acl-changes");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Whether the listener is positioned on every partition of the topic. */
    public boolean isReady() {
        return ready;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(KafkaClientSettings.assigningConsumer(
                clients.bootstrapServers(), instanceId.value() + "-acl"))) {
            consumer = created;
            while (running && !assign(created)) {
                pause();
            }
            while (running) {
                for (ConsumerRecord<String, byte[]> record : created.poll(Duration.ofMillis(200))) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            LOG.debug("ACL change listener woken up to stop");
        } catch (RuntimeException e) {
            LOG.error("ACL change listener stopped", e);
        } finally {
            ready = false;
        }
    }

    private boolean assign(KafkaConsumer<String, byte[]> created) {
        try {
            List<PartitionInfo> infos = created.partitionsFor(topics.aclChanges(), Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                return false;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            created.assign(partitions);
            created.seekToEnd(partitions);
            partitions.forEach(partition -> created.position(partition, Duration.ofSeconds(10)));
            ready = true;
            return true;
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("ACL change topic not readable yet (%s); retrying", e.getMessage());
            return false;
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        try {
            enforcer.apply(AclChanges.parse(record));
        } catch (MalformedRecordException e) {
            LOG.warnf("skipped malformed ACL change at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private void pause() {
        if (!RetryPause.pause(RETRY_PAUSE)) {
            running = false;
        }
    }
}
