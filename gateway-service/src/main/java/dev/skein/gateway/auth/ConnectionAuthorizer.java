package dev.skein.gateway.auth;

import dev.skein.access.AuthUnavailableException;
import dev.skein.access.RoleLookup;
import dev.skein.gateway.session.ConnectionAccess;
import dev.skein.contract.AccessRole;
import dev.skein.gateway.session.CloseCodes;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.HandshakeRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides at open whether a connection may use its document: a valid token (else
 * {@link CloseCodes#UNAUTHORIZED}) and at least the read role (else {@link CloseCodes#FORBIDDEN});
 * auth-service out of reach refuses with {@link CloseCodes#TRY_AGAIN_LATER}. Blocking (JWKS and
 * auth-service calls) when tokens are checked ({@link #mayBlock()}): the endpoint's open handler
 * then runs it on a worker thread.
 */
@ApplicationScoped
public class ConnectionAuthorizer {

    private static final Logger LOG = Logger.getLogger(ConnectionAuthorizer.class);

    private final AuthConfig config;
    private final TokenExtractor extractor;
    private final TokenVerifier verifier;
    private final RoleLookup roles;

    ConnectionAuthorizer(AuthConfig config, TokenExtractor extractor, TokenVerifier verifier, RoleLookup roles) {
        this.config = config;
        this.extractor = extractor;
        this.verifier = verifier;
        this.roles = roles;
    }

    /** A gateway that would refuse every connection must not start and look healthy. */
    void checkConfig(@Observes StartupEvent start) {
        if (config.enabled() && (config.issuer().isEmpty() || config.clientSecret().isEmpty())) {
            throw new IllegalStateException("skein.gateway.auth.enabled=true needs skein.gateway.auth.issuer and "
                    + "skein.gateway.auth.client-secret (SKEIN_GATEWAY_AUTH_ISSUER, SKEIN_GATEWAY_AUTH_CLIENT_SECRET)");
        }
    }

    /** Whether {@link #admit} may block (it checks tokens); without auth it only admits. */
    public boolean mayBlock() {
        return config.enabled();
    }

    /** Admits or refuses a connection to {@code docId}. */
    public Admission admit(HandshakeRequest handshake, String docId) {
        if (!config.enabled()) {
            return Admission.admitted(ConnectionAccess.anonymous());
        }
        Optional<String> token = extractor.token(handshake);
        if (token.isEmpty()) {
            return Admission.refused(CloseCodes.UNAUTHORIZED, "token required", "unauthorized");
        }
        VerifiedToken verified;
        try {
            verified = verifier.verify(token.get());
        } catch (InvalidTokenException e) {
            LOG.debugf("token refused for %s: %s", docId, e.getMessage());
            return Admission.refused(CloseCodes.UNAUTHORIZED, "invalid token", "unauthorized");
        }
        RoleLookup.Lookup lookup;
        try {
            lookup = roles.lookupNow(docId, verified.principal(), verified.groups());
        } catch (AuthUnavailableException e) {
            LOG.warnf("role of %s on %s unknown: %s", verified.principal(), docId, e.getMessage());
            return Admission.refused(CloseCodes.TRY_AGAIN_LATER, "authorisation unavailable", "auth-unavailable");
        }
        if (!lookup.role().atLeast(AccessRole.READ)) {
            return Admission.refused(CloseCodes.FORBIDDEN, "no access to this document", "forbidden");
        }
        // The generation lets AccessEnforcer#admitted see an ACL event that arrives before the
        // connection is registered (and so before events find it).
        return Admission.admitted(new ConnectionAccess(verified.principal(), verified.groups(), lookup.role(),
                Optional.of(verified.expiresAt()), lookup.generation()));
    }
}
