package dev.skein.presence.api;

/**
 * One client in a document, as {@code GET /docs/{id}/presence} lists it.
 *
 * @param clientId the awareness client id
 * @param principal who the client is
 * @param name {@code user.name} of its awareness state, if any
 * @param color {@code user.color} of its awareness state, if any
 * @param since when it appeared in the document (ISO-8601)
 * @param gateway the gateway instance it is connected to
 */
public record ClientPresence(long clientId, String principal, String name, String color, String since,
        String gateway) {
}
