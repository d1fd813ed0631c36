package dev.skein.access;

import dev.skein.contract.AclChanges;
import dev.skein.contract.AclChanges.AclChange;
import dev.skein.contract.MalformedRecordException;
import dev.skein.messaging.ConsumerLoop;
import dev.skein.messaging.KafkaClients;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
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
 * every instance and in no consumer group (a change must reach whichever instance caches the
 * document's roles or holds its connections), and first forgets the changed document's cached
 * roles, then hands the change to {@link #changed(AclChange)}. After a lost consumer every cached
 * role is forgotten, since changes may have been missed meanwhile. A record it cannot parse is
 * skipped and logged. A service's subclass is a {@code @Singleton} that starts it while
 * authentication is on.
 */
public abstract class AclChangeReader extends ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(AclChangeReader.class);

    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final RoleLookup roles;

    /**
     * @param name the consumer thread's name
     * @param roles the lookups whose cache the changes invalidate
     */
    protected AclChangeReader(String name, KafkaClients clients, TopicsConfig topics, TopicLayout layout,
            RoleLookup roles) {
        super(name, Duration.ofMillis(200), Duration.ofSeconds(1));
        this.clients = clients;
        this.topics = topics;
        this.layout = layout;
        this.roles = roles;
    }

    /** What else the service does when a document's ACL changed, after its cached roles are gone. */
    protected void changed(AclChange change) {
    }

    @Override
    protected final void beforeConnect() throws Exception {
        layout.load();
    }

    @Override
    protected final KafkaConsumer<String, byte[]> createConsumer() {
        return clients.assigningConsumer("acl");
    }

    @Override
    protected final void setUp(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < layout.aclPartitions(); p++) {
            partitions.add(new TopicPartition(topics.aclChanges(), p));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(10)));
    }

    @Override
    protected final void handle(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            AclChange change;
            try {
                change = AclChanges.parse(record);
            } catch (MalformedRecordException e) {
                LOG.warnf("skipped malformed ACL change at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                continue;
            }
            roles.invalidate(change.docId());
            changed(change);
        }
    }

    @Override
    protected final void onFailure(Exception failure, boolean wasReady) {
        if (wasReady) {
            roles.invalidateAll();
        }
    }
}
