package dev.skein.presence.auth;

import java.util.Set;

/**
 * Who asks to see presence, from the validated token.
 *
 * @param principal the Keycloak user name ({@code preferred_username}), what ACLs and presence
 *     entries name
 * @param groups the caller's group names (the token's {@code groups} claim, without {@code group:})
 * @param seesEverything whether the caller holds one of the roles that see every document
 *     (or authentication is off)
 */
public record Viewer(String principal, Set<String> groups, boolean seesEverything) {

    /** Anyone, while authentication is off. */
    public static final Viewer ANYONE = new Viewer("anonymous", Set.of(), true);
}
