package dev.skein.auth.acl;

/**
 * Body of a grant: {@code {"role": "write"}}.
 *
 * @param role {@code read}, {@code write} or {@code owner}
 */
public record GrantRequest(String role) {
}
