package dev.skein.gateway.protocol;

/**
 * Every WebSocket close code the gateway sends, in one place. The stock y-websocket provider
 * reconnects after any close (with back-off), so codes tell operators and custom clients why.
 *
 * <table>
 *   <caption>Close codes</caption>
 *   <tr><th>code</th><th>meaning</th></tr>
 *   <tr><td>1001</td><td>the gateway is shutting down</td></tr>
 *   <tr><td>1009</td><td>an inbound message is larger than {@code skein.gateway.max-frame-size}</td></tr>
 *   <tr><td>1011</td><td>unexpected internal error</td></tr>
 *   <tr><td>1013</td><td>try again later: Kafka is unreachable, a produce failed or the sync answer did not come in time</td></tr>
 *   <tr><td>4400</td><td>invalid document id (syntax or length, see the contract's {@code DocumentIds})</td></tr>
 *   <tr><td>4401</td><td>unauthorized (reserved for the auth issue)</td></tr>
 *   <tr><td>4403</td><td>forbidden (reserved for the auth issue)</td></tr>
 *   <tr><td>4408</td><td>slow consumer: the outbound queue passed {@code skein.gateway.outbound-queue-bytes}</td></tr>
 *   <tr><td>4409</td><td>the document has {@code skein.gateway.max-connections-per-document} connections on this gateway</td></tr>
 *   <tr><td>4422</td><td>malformed message (not a y-websocket frame, or an invalid Yjs or awareness update); nothing was produced</td></tr>
 *   <tr><td>4429</td><td>more than {@code skein.gateway.messages-per-second} messages per second (after the burst)</td></tr>
 * </table>
 */
public final class CloseCodes {

    /** The gateway is shutting down. */
    public static final int GOING_AWAY = 1001;
    /** Inbound message larger than the configured maximum. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** Unexpected internal error. */
    public static final int INTERNAL_ERROR = 1011;
    /** Kafka unreachable, produce failed or sync answer timed out: reconnect later. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** Invalid document id. */
    public static final int INVALID_DOCUMENT_ID = 4400;
    /** Unauthorized (reserved). */
    public static final int UNAUTHORIZED = 4401;
    /** Forbidden (reserved). */
    public static final int FORBIDDEN = 4403;
    /** The client does not read fast enough; its outbound queue is full. */
    public static final int SLOW_CONSUMER = 4408;
    /** Too many connections to the document on this gateway. */
    public static final int DOCUMENT_FULL = 4409;
    /** Malformed message. */
    public static final int MALFORMED_MESSAGE = 4422;
    /** Rate limit exceeded. */
    public static final int RATE_LIMITED = 4429;

    private CloseCodes() {
    }
}
