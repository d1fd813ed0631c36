package dev.skein.presence.store;

/**
 * A client of a document, as a member of Redis sets and sorted sets: {@code docId/clientId}.
 * Document ids never contain {@code /} ({@link dev.skein.contract.DocumentIds}), so the last slash
 * separates the two.
 *
 * @param docId the document
 * @param clientId the awareness client id
 */
public record ClientRef(String docId, long clientId) {

    /** The member text. */
    public String member() {
        return docId + "/" + clientId;
    }

    /**
     * Parses a member text.
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static ClientRef parse(String member) {
        int slash = member.lastIndexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not a client member: " + member);
        }
        return new ClientRef(member.substring(0, slash), Long.parseLong(member.substring(slash + 1)));
    }
}
