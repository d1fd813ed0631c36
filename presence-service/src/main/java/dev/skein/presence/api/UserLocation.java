package dev.skein.presence.api;

/**
 * Where one client of a user is.
 *
 * @param docId the document
 * @param clientId the awareness client id
 * @param gateway the gateway instance
 * @param since when it appeared in the document (ISO-8601)
 */
public record UserLocation(String docId, long clientId, String gateway, String since) {
}
