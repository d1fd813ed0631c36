package dev.skein.presence.auth;

import dev.skein.contract.AclChanges;
import dev.skein.contract.MalformedRecordException;
import dev.skein.contract.RetryPause;
import dev.skein.presence.config.TopicsConfig;
import dev.skein.presence.kafka.InstanceId;
import dev.skein.presence.kafka.KafkaClients;
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
 * Reads the ACL change topic ({@code skein.topics.acl-changes}) from its end, every partition on
 * every instance, and forgets the changed document's cached roles ({@link RoleLookup#invalidate}),
 * so that the next event of that document is shown only to whom auth-service now allows. Runs only
 * while authentication is on. A record it cannot parse is skipped and logged.
 */
@ApplicationScoped
public class AclChangeListener {

    private static final Logger LOG = Logger.getLogger(AclChangeListener.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final PresenceAuthConfig config;
    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final InstanceId instanceId;
    private final RoleLookup roles;
    private volatile boolean running;
    private volatile boolean ready;
    private volatile KafkaConsumer<String, byte[]> consumer;

    AclChangeListener(PresenceAuthConfig config, KafkaClients clients, TopicsConfig topics, InstanceId instanceId,
            RoleLookup roles) {
        this.config = config;
        this.clients = clients;
        this.topics = topics;
        this.instanceId = instanceId;
        this.roles = roles;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        Thread thread = new Thread(this::run, "skein-presence-acl-changes");
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

    /** Whether the listener reads every partition of the topic (always true while authentication is off). */
    public boolean isReady() {
        return !config.enabled() || ready;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(clients.aclReaderSettings(instanceId))) {
            consumer = created;
            while (running && !assign(created)) {
                if (!RetryPause.pause(RETRY_PAUSE)) {
                    running = false;
                }
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
            roles.invalidate(AclChanges.parse(record).docId());
        } catch (MalformedRecordException e) {
            LOG.warnf("skipped malformed ACL change at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }
}
