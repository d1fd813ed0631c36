package dev.skein.testkit.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The repository's {@code deploy/keycloak/skein-realm.json}: one realm definition for
 * docker-compose, Helm, the local run and tests. Found from the working directory upwards (tests
 * run in a module directory), or named by the system property {@value #PROPERTY}.
 */
public final class SkeinRealm {

    /** The realm's name. */
    public static final String NAME = "skein";
    /** System property naming the realm file. */
    public static final String PROPERTY = "skein.keycloak.realm-file";
    /** Path of the realm file inside the repository. */
    public static final String RELATIVE_PATH = "deploy/keycloak/skein-realm.json";

    /** The public client of the demo page (direct access grants on). */
    public static final String WEB_CLIENT = "skein-web";
    /** The gateway's confidential client. */
    public static final String GATEWAY_CLIENT = "skein-gateway";
    /** The gateway client's secret (a development value, replaced in deployments). */
    public static final String GATEWAY_SECRET = "skein-gateway-secret";
    /** auth-service's client id, also the audience of tokens it accepts. */
    public static final String AUTH_CLIENT = "skein-auth";
    /** doc-service's confidential client. */
    public static final String DOC_CLIENT = "skein-doc";
    /** The doc client's secret (a development value). */
    public static final String DOC_SECRET = "skein-doc-secret";
    /**
     * presence-service's confidential client, also the audience of tokens it accepts: realm role
     * {@link #SERVICE_ROLE}, audience {@link #AUTH_CLIENT} (it asks auth-service for roles).
     */
    public static final String PRESENCE_CLIENT = "skein-presence";
    /** The presence client's secret (a development value). */
    public static final String PRESENCE_SECRET = "skein-presence-secret";
    /** persistence-service's confidential client, also the audience of tokens its admin API accepts. */
    public static final String PERSISTENCE_CLIENT = "skein-persistence";
    /** A backend's confidential client: realm role {@link #SERVICE_ROLE}, audience {@link #DOC_CLIENT}. */
    public static final String BACKEND_CLIENT = "skein-backend";
    /** The backend client's secret (a development value). */
    public static final String BACKEND_SECRET = "skein-backend-secret";
    /**
     * Operator tools' confidential client: realm role {@link #ADMIN_ROLE}, audiences
     * {@link #PERSISTENCE_CLIENT} and {@link #DOC_CLIENT}.
     */
    public static final String OPS_CLIENT = "skein-ops";
    /** The ops client's secret (a development value). */
    public static final String OPS_SECRET = "skein-ops-secret";
    /**
     * Realm role of services: they read and write documents through doc-service, ask auth-service
     * for anyone's role and see every document's presence.
     */
    public static final String SERVICE_ROLE = "skein-service";
    /** Realm role of operators (persistence-service's admin API). */
    public static final String ADMIN_ROLE = "skein-admin";

    private SkeinRealm() {
    }

    /** The realm file's JSON. */
    public static String json() {
        Path file = file();
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /** The realm file. */
    public static Path file() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return search(Path.of("").toAbsolutePath()).orElseThrow(() -> new IllegalStateException(
                RELATIVE_PATH + " not found above " + Path.of("").toAbsolutePath() + "; set -D" + PROPERTY));
    }

    private static Optional<Path> search(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_PATH);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
