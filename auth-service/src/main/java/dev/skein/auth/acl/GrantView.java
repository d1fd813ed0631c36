package dev.skein.auth.acl;

/**
 * One grant as the API shows it.
 *
 * @param principal user name or {@code group:NAME}
 * @param role {@code read}, {@code write} or {@code owner}
 */
public record GrantView(String principal, String role) {

    static GrantView of(AclEntry entry) {
        return new GrantView(entry.principal(), entry.role().wireName());
    }
}
