package dev.skein.persistence.rest;

/**
 * One object of a document in the admin API.
 *
 * @param key the object key
 * @param kind {@code batch}, {@code snapshot}, {@code version} or {@code changes}
 * @param partition the partition of the update topic
 * @param fromOffset first offset covered (0 for a snapshot)
 * @param toOffset last offset covered
 * @param size bytes
 * @param read whether a reader reads it (newest snapshot and the batches above it)
 */
public record ObjectView(String key, String kind, int partition, long fromOffset, long toOffset, long size,
        boolean read) {
}
