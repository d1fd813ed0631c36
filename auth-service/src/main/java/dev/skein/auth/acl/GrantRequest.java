package dev.skein.auth.acl;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of a grant: {@code {"role": "write"}}.
 *
 * @param role {@code read}, {@code write} or {@code owner}
 */
public record GrantRequest(@Schema(enumeration = {"read", "write", "owner"}) String role) {
}
