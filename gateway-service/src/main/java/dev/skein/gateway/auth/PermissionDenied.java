package dev.skein.gateway.auth;

import dev.skein.ycrdt.protocol.AuthMessage;
import dev.skein.ycrdt.protocol.MessageCodec;

/**
 * The y-protocols permission-denied message a read-only connection gets for each update it sends;
 * the stock client logs it, and the update is dropped.
 */
public final class PermissionDenied {

    /** The reason the message carries. */
    public static final String READ_ONLY = "read-only access";

    private static final byte[] READ_ONLY_FRAME = MessageCodec.encode(new AuthMessage(READ_ONLY));

    private PermissionDenied() {
    }

    /** The encoded message for a read-only connection. */
    public static byte[] readOnly() {
        return READ_ONLY_FRAME.clone();
    }
}
