package dev.skein.gateway.session;

import dev.skein.contract.AccessRole;
import dev.skein.contract.AclChanges;
import dev.skein.contract.AwarenessRecords;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What one connection may do: who it is, its groups, its current role on the document and when
 * its token expires. Immutable; a connection's role changes by replacing it.
 *
 * @param principal the user (or service account) name ACL entries use
 * @param groups the groups of its token, without the {@code group:} prefix
 * @param role its role on the document, at least {@link AccessRole#READ} while connected
 * @param expiresAt when its token expires, empty when authentication is off
 * @param aclGeneration the document's ACL generation the role is current for
 *     ({@link dev.skein.access.RoleLookup#generation(String)}); a newer generation means an ACL event may have
 *     changed the role since
 */
public record ConnectionAccess(String principal, Set<String> groups, AccessRole role, Optional<Instant> expiresAt,
        long aclGeneration) {

    /** Access with a role not tied to an ACL generation. */
    public ConnectionAccess(String principal, Set<String> groups, AccessRole role, Optional<Instant> expiresAt) {
        this(principal, groups, role, expiresAt, 0);
    }

    /** Access of every connection when authentication is off. */
    public static ConnectionAccess anonymous() {
        return new ConnectionAccess(AwarenessRecords.ANONYMOUS, Set.of(), AccessRole.WRITE, Optional.empty());
    }

    /** Whether updates of this connection may be produced. */
    public boolean canWrite() {
        return role.atLeast(AccessRole.WRITE);
    }

    /** The same connection with another role. */
    public ConnectionAccess withRole(AccessRole newRole) {
        return new ConnectionAccess(principal, groups, newRole, expiresAt, aclGeneration);
    }

    /** The same connection with a role looked up for ACL generation {@code generation}. */
    public ConnectionAccess withRole(AccessRole newRole, long generation) {
        return new ConnectionAccess(principal, groups, newRole, expiresAt, generation);
    }

    /** Whether a change of {@code changed}'s grant may change this connection's role. */
    public boolean isAffectedBy(String changed) {
        return changed.equals(principal) || (changed.startsWith(AclChanges.GROUP_PREFIX)
                && groups.contains(changed.substring(AclChanges.GROUP_PREFIX.length())));
    }
}
