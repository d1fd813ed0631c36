package dev.skein.gateway.kafka;

/**
 * This gateway's instance id: the key and {@code skein-reply-to} header of the sync replies meant
 * for it, and the prefix of its records' origin header.
 *
 * @param value the id
 */
public record InstanceId(String value) {
}
