package dev.skein.auth.acl;

/**
 * The answer of a role lookup.
 *
 * @param docId the document
 * @param principal whose role
 * @param role {@code none}, {@code read}, {@code write} or {@code owner}
 */
public record RoleView(String docId, String principal, String role) {
}
