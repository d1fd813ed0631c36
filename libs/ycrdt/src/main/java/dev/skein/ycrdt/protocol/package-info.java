/**
 * The y-protocols wire format as y-websocket speaks it: one WebSocket binary frame carries one
 * {@link dev.skein.ycrdt.protocol.Message}, decoded and encoded by
 * {@link dev.skein.ycrdt.protocol.MessageCodec}; awareness payloads are read and written by
 * {@link dev.skein.ycrdt.protocol.AwarenessUpdate}, and
 * {@link dev.skein.ycrdt.protocol.AwarenessStates} keeps one document's awareness with
 * y-protocols' merge rules.
 *
 * <p>Byte-exact with the npm packages {@code y-protocols} 1.0.7 and {@code y-websocket} 3.1.0.
 * Sync payloads (state vectors, updates) are carried as opaque bytes: checking them is the job of
 * the update decoder, so a relay can forward them without parsing.
 */
package dev.skein.ycrdt.protocol;
