package dev.skein.ycrdt.protocol;

/**
 * Every number the y-websocket framing puts on the wire, in one place.
 *
 * <p>A frame starts with a top-level type; sync and auth messages follow it with a sub-type.
 * Top-level types are y-websocket's ({@code messageSync}, ...), sub-types are y-protocols'.
 */
public final class MessageType {

    /** Top-level type of a document sync message (y-websocket {@code messageSync}). */
    public static final int SYNC = 0;
    /** Top-level type of an awareness update (y-websocket {@code messageAwareness}). */
    public static final int AWARENESS = 1;
    /** Top-level type of an auth message (y-websocket {@code messageAuth}). */
    public static final int AUTH = 2;
    /** Top-level type asking the peer to send all awareness states it knows. */
    public static final int QUERY_AWARENESS = 3;

    /** Sync sub-type carrying a state vector (y-protocols {@code messageYjsSyncStep1}). */
    public static final int SYNC_STEP1 = 0;
    /** Sync sub-type answering a step 1 with the missing update (y-protocols {@code messageYjsSyncStep2}). */
    public static final int SYNC_STEP2 = 1;
    /** Sync sub-type carrying an incremental update (y-protocols {@code messageYjsUpdate}). */
    public static final int SYNC_UPDATE = 2;

    /**
     * Auth sub-type telling the client it may not access the document (y-protocols
     * {@code messagePermissionDenied}).
     */
    public static final int AUTH_PERMISSION_DENIED = 0;

    private MessageType() {
    }
}
