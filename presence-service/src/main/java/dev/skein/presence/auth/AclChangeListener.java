package dev.skein.presence.auth;

import dev.skein.contract.AclChanges;
import dev.skein.contract.MalformedRecordException;
import dev.skein.messaging.ConsumerLoop;
import dev.skein.messaging.KafkaClients;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Reads the ACL change topic ({@code skein.topics.acl-changes}) from its end, every partition on
 * every instance, and forgets the changed document's cached roles ({@link RoleLookup#invalidate}),
 * so that the next event of that document is shown only to whom auth-service now allows. Runs only
 * while authentication is on. A record it cannot parse is skipped and logged; after a lost
 * consumer every cached role is forgotten, since changes may have been missed meanwhile.
 */
@Singleton
public class AclChangeListener extends ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(AclChangeListener.class);

    private final PresenceAuthConfig config;
    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final RoleLookup roles;

    AclChangeListener(PresenceAuthConfig config, KafkaClients clients, TopicsConfig topics, TopicLayout layout,
            RoleLookup roles) {
        super("skein-presence-acl-changes", Duration.ofMillis(200), Duration.ofSeconds(1));
        this.config = config;
        this.clients = clients;
        this.topics = topics;
        this.layout = layout;
        this.roles = roles;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Whether changes are being read (always true while authentication is off). */
    public boolean isListening() {
        return !config.enabled() || isReady();
    }

    @Override
    protected void beforeConnect() throws Exception {
        layout.load();
    }

    @Override
    protected KafkaConsumer<String, byte[]> createConsumer() {
        return clients.assigningConsumer("acl");
    }

    @Override
    protected void setUp(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < layout.aclPartitions(); p++) {
            partitions.add(new TopicPartition(topics.aclChanges(), p));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(10)));
    }

    @Override
    protected void handle(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                roles.invalidate(AclChanges.parse(record).docId());
            } catch (MalformedRecordException e) {
                LOG.warnf("skipped malformed ACL change at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
    }

    @Override
    protected void onFailure(Exception failure, boolean wasReady) {
        if (wasReady) {
            roles.invalidateAll();
        }
    }
}
