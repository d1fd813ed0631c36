package dev.skein.testkit.keycloak;

/**
 * People of the skein realm beyond the realm file's example users, for tests that need a person
 * with a particular name (e.g. one called like a service account, {@code service-account-x}, who
 * must not get a service's powers). Each is created on first use, password = user name, no
 * groups and no realm roles.
 */
public final class TestUsers {

    private TestUsers() {
    }

    /** A password-grant token of the page's client {@code skein-web} for {@code username}, created if missing. */
    public static String token(String username) {
        ensure(username);
        return SharedKeycloak.tokens().password(SkeinRealm.WEB_CLIENT, username, username);
    }

    private static synchronized void ensure(String username) {
        KeycloakAdmin admin = SharedKeycloak.admin();
        String users = "/admin/realms/" + SkeinRealm.NAME + "/users";
        // Another class loader of this JVM (each Quarkus test application has one) may have made it.
        String existing = admin.call("GET", users + "?exact=true&username=" + username, null);
        if (existing.contains("\"username\":\"" + username + "\"")) {
            return;
        }
        // A complete profile (e-mail, names): Keycloak refuses password grants of unfinished accounts.
        admin.call("POST", users, """
                {"username": "%1$s", "enabled": true, "emailVerified": true, "email": "%1$s@example.test",
                 "firstName": "Test", "lastName": "User",
                 "credentials": [{"type": "password", "value": "%1$s", "temporary": false}]}""".formatted(username));
    }
}
