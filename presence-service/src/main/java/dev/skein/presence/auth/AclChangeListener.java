package dev.skein.presence.auth;

import dev.skein.access.AclChangeReader;
import dev.skein.access.RoleLookup;
import dev.skein.messaging.KafkaClients;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * presence-service's reader of ACL changes: forgetting a changed document's cached roles is all
 * it needs, so that the next event of that document is shown only to whom auth-service now
 * allows. Runs only while authentication is on.
 */
@Singleton
public class AclChangeListener extends AclChangeReader {

    private final PresenceAuthConfig config;

    AclChangeListener(PresenceAuthConfig config, KafkaClients clients, TopicsConfig topics, TopicLayout layout,
            RoleLookup roles) {
        super("skein-presence-acl-changes", clients, topics, layout, roles);
        this.config = config;
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
}
