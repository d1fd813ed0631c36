package dev.skein.doc.rest;

/**
 * Where an accepted update landed in the log.
 *
 * @param docId document id
 * @param partition partition of the update topic
 * @param offset offset of the update record
 */
public record AcceptedUpdate(String docId, int partition, long offset) {
}
