package dev.skein.presence.events;

/**
 * A change of who is in a document, as the Server-Sent Events stream sends it.
 *
 * @param type {@code joined} or {@code left}
 * @param docId the document
 * @param clientId the awareness client id
 * @param principal who the client is
 * @param gateway the gateway the client is (or was) connected to
 * @param cause for {@code left}: {@code disconnected}, {@code expired} or {@code gateway-dead}
 * @param at when it happened (epoch ms)
 */
public record PresenceEvent(String type, String docId, long clientId, String principal, String gateway,
        String cause, long at) {
}
