package dev.skein.auth.caller;

import dev.skein.contract.AclChanges;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who calls the API, from the validated access token: the principal ACL entries name (the
 * Keycloak user name, which people share documents by), the principals of the caller's groups
 * ({@code group:NAME}), and whether the caller is a service account (Keycloak names them
 * {@code service-account-CLIENT}); services may look up anyone's role, people only their own.
 *
 * @param principal the caller's principal
 * @param groupPrincipals the caller's group principals
 * @param service whether the caller is a service account
 */
public record Caller(String principal, Set<String> groupPrincipals, boolean service) {

    /** Prefix Keycloak gives the user names of service accounts. */
    public static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    /** The caller a token describes. */
    public static Caller of(JsonWebToken token) {
        String name = Optional.ofNullable(token.<String>getClaim("preferred_username"))
                .orElse(token.getSubject());
        return new Caller(name, groupPrincipals(token.getGroups()), name.startsWith(SERVICE_ACCOUNT_PREFIX));
    }

    /** {@code group:NAME} for every group name. */
    public static Set<String> groupPrincipals(Collection<String> groups) {
        Set<String> principals = new LinkedHashSet<>();
        if (groups != null) {
            groups.forEach(group -> principals.add(AclChanges.GROUP_PREFIX + group));
        }
        return principals;
    }

    /** The caller's own principal and its groups': everything whose grants apply to it. */
    public Set<String> allPrincipals() {
        Set<String> all = new LinkedHashSet<>();
        all.add(principal);
        all.addAll(groupPrincipals);
        return all;
    }
}
