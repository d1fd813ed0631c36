package dev.skein.doc.kafka;

/**
 * This doc-service instance's id: the key of the sync replies its REST reads ask for, and the
 * prefix of the origin header of updates it produces.
 *
 * @param value the id
 */
public record InstanceId(String value) {
}
