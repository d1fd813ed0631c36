package dev.skein.presence.api;

/**
 * An error answer.
 *
 * @param error a short machine-readable code
 * @param reason what went wrong, for people
 */
public record Problem(String error, String reason) {
}
