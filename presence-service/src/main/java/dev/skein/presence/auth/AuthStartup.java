package dev.skein.presence.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Says at start whether presence needs tokens, and refuses to start half-configured. */
@ApplicationScoped
public class AuthStartup {

    private static final Logger LOG = Logger.getLogger(AuthStartup.class);

    private final PresenceAuthConfig config;
    private final Optional<String> realmUrl;

    AuthStartup(PresenceAuthConfig config,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> realmUrl) {
        this.config = config;
        this.realmUrl = realmUrl;
    }

    void report(@Observes StartupEvent start) {
        if (!config.enabled()) {
            LOG.warn("skein.presence.auth.enabled=false: presence is shown to anyone without a token");
            return;
        }
        if (realmUrl.isEmpty() || realmUrl.get().isBlank()) {
            throw new IllegalStateException("skein.presence.auth.enabled=true needs quarkus.oidc.auth-server-url "
                    + "(QUARKUS_OIDC_AUTH_SERVER_URL)");
        }
        if (config.clientSecret().isEmpty() || config.clientSecret().get().isBlank()) {
            throw new IllegalStateException("skein.presence.auth.enabled=true needs skein.presence.auth.client-secret "
                    + "(SKEIN_PRESENCE_AUTH_CLIENT_SECRET): the service account asks auth-service for people's roles");
        }
        LOG.infof("presence needs tokens of %s (audience skein-presence); %s see every document, people the "
                + "documents %s gives them a role on", realmUrl.get(), config.allDocumentsRoles(), config.authServiceUrl());
    }
}
