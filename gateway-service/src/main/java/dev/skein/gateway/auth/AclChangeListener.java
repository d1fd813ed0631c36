package dev.skein.gateway.auth;

import dev.skein.access.AclChangeReader;
import dev.skein.access.RoleLookup;
import dev.skein.contract.AclChanges.AclChange;
import dev.skein.messaging.KafkaClients;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The gateway's reader of ACL changes: each change re-checks this instance's connections of the
 * document ({@link AccessEnforcer}). Runs only while authentication is on.
 */
@Singleton
public class AclChangeListener extends AclChangeReader {

    private final AuthConfig config;
    private final AccessEnforcer enforcer;

    AclChangeListener(AuthConfig config, KafkaClients clients, TopicsConfig topics, TopicLayout layout,
            RoleLookup roles, AccessEnforcer enforcer) {
        super("skein-acl-changes", clients, topics, layout, roles);
        this.config = config;
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
    protected void changed(AclChange change) {
        enforcer.apply(change);
    }
}
