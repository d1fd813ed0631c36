package dev.skein.auth.caller;

import dev.skein.contract.AclChanges;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who calls the API, from the validated access token: the principal ACL entries name (the
 * Keycloak user name, which people share documents by), the principals of the caller's groups
 * ({@code group:NAME}), and whether the caller is a service. A service is a caller whose token
 * carries the realm role {@code skein.auth.service-role} ({@link Callers}); its name proves
 * nothing, so a person called {@code service-account-x} is a person. Services may look up anyone's
 * role, people only their own.
 *
 * @param principal the caller's principal
 * @param groupPrincipals the caller's group principals
 * @param service whether the caller holds the service role
 */
public record Caller(String principal, Set<String> groupPrincipals, boolean service) {

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
