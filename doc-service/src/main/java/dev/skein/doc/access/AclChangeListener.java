package dev.skein.doc.access;

import dev.skein.access.AclChangeReader;
import dev.skein.access.RoleLookup;
import dev.skein.doc.rest.DocAuthConfig;
import dev.skein.messaging.KafkaClients;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Forgets a document's cached roles when its ACL changes, so that a person whose grant was revoked
 * is refused from the next call on. Runs only while authentication is on.
 */
@Singleton
public class AclChangeListener extends AclChangeReader {

    private final DocAuthConfig config;

    AclChangeListener(DocAuthConfig config, KafkaClients clients, TopicsConfig topics, TopicLayout layout,
            RoleLookup roles) {
        super("skein-doc-acl-changes", clients, topics, layout, roles);
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
}
