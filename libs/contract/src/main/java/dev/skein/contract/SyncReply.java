package dev.skein.contract;

/**
 * The answer to a {@link SyncRequest}: what the requester lacks and what the owner has.
 *
 * @param docId document id
 * @param correlationId the request's correlation id
 * @param replyTo the requester's instance id
 * @param update Yjs update (v1): the document diffed against the request's state vector
 * @param stateVector the owner's state vector of the document (v1)
 */
public record SyncReply(String docId, String correlationId, String replyTo, byte[] update, byte[] stateVector) {
}
