package dev.skein.presence.store;

/**
 * One client's latest awareness state as kept in Redis.
 *
 * @param docId the document
 * @param clientId the awareness (Yjs) client id
 * @param clock the awareness clock of the state
 * @param state the state as JSON text, as the client sent it
 * @param gateway instance id of the gateway the client is connected to
 * @param principal who the client's connection is authenticated as
 * @param since when the client first appeared in the document (epoch ms)
 * @param renewed when the state was last renewed (epoch ms)
 */
public record PresenceEntry(String docId, long clientId, long clock, String state, String gateway,
        String principal, long since, long renewed) {

    /** Whether the state is past its expiry at {@code nowMillis} for a time-to-live of {@code ttlMillis}. */
    public boolean expiredAt(long nowMillis, long ttlMillis) {
        return renewed + ttlMillis <= nowMillis;
    }
}
