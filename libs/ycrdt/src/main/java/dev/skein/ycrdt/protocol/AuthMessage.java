package dev.skein.ycrdt.protocol;

import java.util.Objects;

/**
 * Permission denied: the server refuses the client access to the document. The stock client only
 * logs the reason; closing the connection is up to the server.
 *
 * @param reason human-readable explanation; lone surrogates are written as U+FFFD, as JavaScript does
 */
public record AuthMessage(String reason) implements Message {

    public AuthMessage {
        Objects.requireNonNull(reason, "reason");
    }

    /** Always {@link MessageType#AUTH}. */
    @Override
    public int type() {
        return MessageType.AUTH;
    }
}
