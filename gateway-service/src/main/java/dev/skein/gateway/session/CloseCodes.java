package dev.skein.gateway.session;

/**
 * Every WebSocket close code the gateway sends, in one place, chosen by the stock provider's
 * contract: y-websocket 3.1 reconnects after any code except 4400–4499, which it takes as "the
 * server decided, reconnecting cannot help" (it stops and emits {@code closed}); 3.0 and 2.x
 * reconnect after every close. So every transient condition closes with 1001, 1011, 1013 or a
 * 4500–4599 code, and 4400–4499 is kept for refusals a reconnect would only repeat.
 *
 * <table>
 *   <caption>Close codes</caption>
 *   <tr><th>code</th><th>kind</th><th>meaning</th></tr>
 *   <tr><td>1001</td><td>transient</td><td>the gateway is shutting down (a restart or a scale-in)</td></tr>
 *   <tr><td>1011</td><td>transient</td><td>unexpected internal error</td></tr>
 *   <tr><td>1013</td><td>transient</td><td>try again later: Kafka or auth-service unreachable, a produce failed, the sync answer did not come in time</td></tr>
 *   <tr><td>4400</td><td>permanent</td><td>invalid document id (syntax or length, see the contract's {@code DocumentIds})</td></tr>
 *   <tr><td>4401</td><td>permanent</td><td>no, invalid or expired token: the application reconnects with a new one</td></tr>
 *   <tr><td>4403</td><td>permanent</td><td>no access to the document, or access revoked while connected</td></tr>
 *   <tr><td>4413</td><td>permanent</td><td>an inbound message is larger than {@code skein.gateway.max-frame-size}</td></tr>
 *   <tr><td>4422</td><td>permanent</td><td>malformed message (not a y-websocket frame, or an invalid Yjs or awareness update); nothing was produced</td></tr>
 *   <tr><td>4508</td><td>transient</td><td>slow consumer: the client's outbound queue stayed over its bound, or the gateway's outbound budget is spent</td></tr>
 *   <tr><td>4509</td><td>transient</td><td>the document has {@code skein.gateway.max-connections-per-document} connections on this gateway</td></tr>
 *   <tr><td>4513</td><td>transient</td><td>inbound memory: what the client sent and the gateway holds passed the connection's bound or the gateway's inbound budget</td></tr>
 *   <tr><td>4529</td><td>transient</td><td>over the message rate where reading cannot be paused (only without direct socket access)</td></tr>
 * </table>
 *
 * <p>A client over the message rate is not closed: the gateway stops reading from it until its
 * bucket refills, and TCP makes its sends wait.
 */
public final class CloseCodes {

    /** The gateway is shutting down. */
    public static final int GOING_AWAY = 1001;
    /** Unexpected internal error. */
    public static final int INTERNAL_ERROR = 1011;
    /** Kafka or auth-service unreachable, produce failed or sync answer timed out: reconnect later. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** Invalid document id. */
    public static final int INVALID_DOCUMENT_ID = 4400;
    /** No, invalid or expired token. */
    public static final int UNAUTHORIZED = 4401;
    /** No access to the document. */
    public static final int FORBIDDEN = 4403;
    /** Inbound message larger than the configured maximum: resending it would fail again. */
    public static final int MESSAGE_TOO_BIG = 4413;
    /** Malformed message. */
    public static final int MALFORMED_MESSAGE = 4422;
    /** The client does not read fast enough, or the gateway's outbound budget is spent. */
    public static final int SLOW_CONSUMER = 4508;
    /** Too many connections to the document on this gateway. */
    public static final int DOCUMENT_FULL = 4509;
    /** What the client sent and the gateway holds passed the connection's bound or the gateway's budget. */
    public static final int INBOUND_OVERLOAD = 4513;
    /** Over the message rate and reading could not be paused. */
    public static final int RATE_LIMITED = 4529;

    private CloseCodes() {
    }

    /**
     * Whether the stock y-websocket 3.1 provider gives up after this code ({@code 4400–4499});
     * every other code makes it reconnect with back-off.
     */
    public static boolean stopsStockProvider(int code) {
        return code >= 4400 && code < 4500;
    }
}
