package dev.skein.testkit.keycloak;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tokens for the negative cases of a service's authentication tests, from the JVM's shared
 * Keycloak: tokens of throwaway confidential clients that the realm file gives nobody (no role,
 * a short lifespan), and a tampered copy of a valid token.
 */
public final class TestClients {

    private static final String SECRET = "test-client-secret";

    private TestClients() {
    }

    /**
     * A client-credentials token of the skein realm's client {@code clientId}, which is created on
     * first use with a service account holding {@code realmRoles}, an audience mapper for each of
     * {@code audiences}, and access tokens living {@code lifespanSeconds} (0: the realm's).
     */
    public static String token(String clientId, List<String> audiences, List<String> realmRoles, int lifespanSeconds) {
        ensure(clientId, audiences, realmRoles, lifespanSeconds);
        return SharedKeycloak.tokens().clientCredentials(clientId, SECRET);
    }

    private static synchronized void ensure(String clientId, List<String> audiences, List<String> realmRoles,
            int lifespanSeconds) {
        KeycloakAdmin admin = SharedKeycloak.admin();
        // Another class loader of this JVM (each Quarkus test application has one) may have made it.
        String existing = admin.call("GET", "/admin/realms/" + SkeinRealm.NAME + "/clients?clientId=" + clientId, null);
        if (!existing.contains("\"clientId\":\"" + clientId + "\"")) {
            admin.createServiceClient(SkeinRealm.NAME, clientId, SECRET, audiences, realmRoles, lifespanSeconds);
        }
    }

    /** When a token expires ({@code exp}). */
    public static Instant expiry(String jwt) {
        Matcher m = Pattern.compile("\"exp\":(\\d+)").matcher(payload(jwt));
        if (!m.find()) {
            throw new IllegalArgumentException("no exp in " + payload(jwt));
        }
        return Instant.ofEpochSecond(Long.parseLong(m.group(1)));
    }

    /** The same token with one claim changed ({@code exp} a day later) and the old signature. */
    public static String tampered(String jwt) {
        String[] parts = jwt.split("\\.");
        String payload = payload(jwt);
        Matcher m = Pattern.compile("\"exp\":(\\d+)").matcher(payload);
        if (!m.find()) {
            throw new IllegalArgumentException("no exp in " + payload);
        }
        String changed = m.replaceFirst("\"exp\":" + (Long.parseLong(m.group(1)) + 86_400));
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(changed.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static String payload(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
