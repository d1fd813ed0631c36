package dev.skein.persistence.rest;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Says at start whether the admin API needs tokens, and refuses to start half-configured. */
@ApplicationScoped
public class AuthStartup {

    private static final Logger LOG = Logger.getLogger(AuthStartup.class);

    private final AdminAuthConfig config;
    private final Optional<String> issuer;

    AuthStartup(AdminAuthConfig config, @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> issuer) {
        this.config = config;
        this.issuer = issuer;
    }

    void report(@Observes StartupEvent start) {
        if (!config.enabled()) {
            LOG.warn("skein.persistence.auth.enabled=false: the admin API accepts requests without a token");
            return;
        }
        if (issuer.isEmpty() || issuer.get().isBlank()) {
            throw new IllegalStateException("skein.persistence.auth.enabled=true needs quarkus.oidc.auth-server-url "
                    + "(QUARKUS_OIDC_AUTH_SERVER_URL)");
        }
        LOG.infof("admin API needs tokens of %s (audience skein-persistence, role skein-admin)", issuer.get());
    }
}
