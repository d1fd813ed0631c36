package dev.skein.presence.api;

import java.util.List;

/**
 * Where a user is.
 *
 * @param principal the user
 * @param locations one per connected client (a user may have several tabs open)
 */
public record UserPresence(String principal, List<UserLocation> locations) {
}
