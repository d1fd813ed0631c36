package dev.skein.e2e;

import dev.skein.testkit.keycloak.SharedKeycloak;
import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.keycloak.TestClients;
import java.util.List;

/** Access tokens of the shared Keycloak's skein realm for the end-to-end security tests. */
final class RealmTokens {

    /** The audience of each service's tokens. */
    static final List<String> AUDIENCES = List.of(SkeinRealm.AUTH_CLIENT, SkeinRealm.DOC_CLIENT,
        SkeinRealm.PERSISTENCE_CLIENT, SkeinRealm.PRESENCE_CLIENT, SkeinRealm.GATEWAY_CLIENT);
    /** Every realm role a service or an operator holds. */
    static final List<String> ALL_ROLES = List.of(SkeinRealm.SERVICE_ROLE, SkeinRealm.ADMIN_ROLE);

    private RealmTokens() {
    }

    /** A person's token through the demo page's client (audiences gateway, auth, presence). */
    static String person(String user) {
        return SharedKeycloak.tokens().password(SkeinRealm.WEB_CLIENT, user, user);
    }

    /** The gateway's service token (role skein-service, audiences skein-auth and skein-presence). */
    static String gatewayService() {
        return SharedKeycloak.tokens().clientCredentials(SkeinRealm.GATEWAY_CLIENT, SkeinRealm.GATEWAY_SECRET);
    }

    /** A token of a throwaway client (created on first use) with these audiences and roles; lifespan 0: the realm's. */
    static String client(String clientId, List<String> audiences, List<String> roles, int lifespanSeconds) {
        return TestClients.token(clientId, audiences, roles, lifespanSeconds);
    }

    /** Every audience but {@code audience}. */
    static List<String> allBut(String audience) {
        return AUDIENCES.stream().filter(a -> !a.equals(audience)).toList();
    }
}
