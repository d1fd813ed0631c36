/**
 * The Kafka contract shared by every Skein service: topic names and their configuration keys,
 * record headers, record kinds, document-id syntax, partition routing, the sync request/reply
 * wire format (with chunking of large replies) and topic creation at start-up.
 *
 * <p>Everything here is defined once; services and tests use these names and never re-type them.
 */
package dev.skein.contract;
