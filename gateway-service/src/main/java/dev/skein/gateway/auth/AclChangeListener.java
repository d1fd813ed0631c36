package dev.skein.gateway.auth;

import dev.skein.contract.AclChanges;
import dev.skein.contract.MalformedRecordException;
import dev.skein.messaging.ConsumerLoop;
import dev.skein.messaging.KafkaClients;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Reads the ACL-change topic from its end (every gateway reads every partition: a change must
 * reach whichever instance holds the connection) and hands each change to {@link AccessEnforcer}.
 * Runs only while authentication is on. A record it cannot parse is skipped and logged.
 */
@Singleton
public class AclChangeListener extends ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(AclChangeListener.class);

    private final AuthConfig config;
    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final AccessEnforcer enforcer;

    AclChangeListener(AuthConfig config, KafkaClients clients, TopicsConfig topics, TopicLayout layout,
            AccessEnforcer enforcer) {
        super("skein-acl-changes", Duration.ofMillis(200), Duration.ofSeconds(1));
        this.config = config;
        this.clients = clients;
        this.topics = topics;
        this.layout = layout;
        this.enforcer = enforcer;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
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
                enforcer.apply(AclChanges.parse(record));
            } catch (MalformedRecordException e) {
                LOG.warnf("skipped malformed ACL change at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
    }
}
