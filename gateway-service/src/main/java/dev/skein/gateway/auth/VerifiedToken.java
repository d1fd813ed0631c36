package dev.skein.gateway.auth;

import java.time.Instant;
import java.util.Set;

/**
 * The claims of a token that passed every check.
 *
 * @param principal {@code preferred_username} (what ACL entries name), else {@code sub}
 * @param groups the {@code groups} claim
 * @param expiresAt {@code exp}
 */
public record VerifiedToken(String principal, Set<String> groups, Instant expiresAt) {
}
