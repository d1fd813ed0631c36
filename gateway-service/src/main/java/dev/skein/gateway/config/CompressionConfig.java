package dev.skein.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * WebSocket compression ({@code skein.gateway.compression.*}): permessage-deflate (RFC 7692) where
 * it pays. Every browser offers the extension; the gateway accepts it but compresses only messages
 * of at least {@link #thresholdBytes()} (sync answers, big pastes) and sends the small updates and
 * awareness messages that make up almost all traffic as they are (RFC 7692 lets a sender choose per
 * message). No connection keeps a zlib context between messages.
 */
@ConfigMapping(prefix = "skein.gateway.compression")
public interface CompressionConfig {

    /** Whether permessage-deflate is negotiated at all; off, every client gets uncompressed frames. */
    @WithDefault("true")
    boolean enabled();

    /** Outbound messages of at least this many bytes are compressed; smaller ones go out as they are. */
    @WithDefault("1024")
    int thresholdBytes();

    /**
     * zlib level of the compressed messages (1 fastest … 9 smallest). 4: the B4 sync answer deflates
     * in half the time of zlib's usual 6 for 2 % more bytes, and deflating runs on the event loop.
     */
    @WithDefault("4")
    int level();

    /**
     * Bytes of recently compressed messages (originals and compressed forms) each event-loop thread
     * keeps, so that an identical message sent again is compressed once: a document's whole state
     * answered to each client joining it while it is unchanged, a large paste delivered to each
     * reader. 0 keeps none (every message is compressed for each connection).
     */
    @WithDefault("4194304")
    long recentBytes();
}
