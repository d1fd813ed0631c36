package dev.skein.contract;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Names of the Kafka record headers Skein writes, and helpers to read and write them.
 *
 * <p>Every header value is a UTF-8 string (numbers in decimal) so that records stay readable
 * with stock Kafka tools.
 */
public final class RecordHeaders {

    /** The record kind, one of {@link RecordKind#wireName()}; present on every record. */
    public static final String KIND = "skein-kind";
    /** Correlation id of a sync request and of every part of its reply. */
    public static final String CORRELATION_ID = "skein-correlation-id";
    /** Instance id of the requester a sync reply must reach (the reply's key too). */
    public static final String REPLY_TO = "skein-reply-to";
    /** Document id, on sync replies (whose record key is the requester instance id). */
    public static final String DOC_ID = "skein-doc-id";
    /**
     * Where an update or awareness record came from: {@code <instanceId>/<connectionId>} for a
     * WebSocket connection, {@code <instanceId>/rest} for the REST API. A gateway never delivers
     * a record back to the connection it came from.
     */
    public static final String ORIGIN = "skein-origin";
    /** Zero-based index of a sync-reply part. */
    public static final String PART = "skein-part";
    /** Number of parts of a sync reply (at least 1). */
    public static final String PARTS = "skein-parts";
    /**
     * Instance id of the gateway whose client sent an awareness record, or that sent a
     * {@link RecordKind#GATEWAY_HEARTBEAT}. See {@link AwarenessRecords}.
     */
    public static final String GATEWAY = "skein-gateway";
    /**
     * The authenticated principal of the connection an awareness or update record came from
     * ({@link AwarenessRecords#ANONYMOUS} when connections are not authenticated); on an
     * {@link RecordKind#EDIT_REQUEST} and the update it produced, the caller of the REST API (on any
     * update produced by a service, the caller it acted for). Version history names a version's
     * authors by it.
     */
    public static final String PRINCIPAL = "skein-principal";
    /** The version a {@link RecordKind#VERSION_REPLY} is about: the offset it was recorded at (decimal). */
    public static final String VERSION = "skein-version";
    /** How a version request ended, on a {@link RecordKind#VERSION_REPLY}: see {@link VersionReply.Outcome}. */
    public static final String VERSION_OUTCOME = "skein-version-outcome";

    /** How an edit request ended, on an {@link RecordKind#EDIT_REPLY}: see {@link EditReply.Outcome}. */
    public static final String EDIT_OUTCOME = "skein-edit-outcome";
    /** Offset in the update topic of the update an edit produced, on an applied {@link RecordKind#EDIT_REPLY}. */
    public static final String OFFSET = "skein-offset";
    /** Zero-based index of the operation that was refused, on a rejected {@link RecordKind#EDIT_REPLY}. */
    public static final String FAILED_OP = "skein-failed-op";
    /**
     * Padding of {@link OwnerWake#FETCH_MIN_BYTES} zero bytes on an in-band request to a
     * partition's owner, so that it completes the owner's held fetch; see {@link OwnerWake}.
     */
    public static final String WAKE = "skein-wake";

    private RecordHeaders() {
    }

    /** Adds a UTF-8 string header. */
    public static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The last value of a header as a UTF-8 string, if present. */
    public static Optional<String> get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /**
     * The last value of a header as a non-negative decimal int.
     *
     * @throws MalformedRecordException if the header is missing or not a non-negative int
     */
    public static int getInt(Headers headers, String name) {
        String text = get(headers, name).orElseThrow(() -> new MalformedRecordException("missing header " + name));
        try {
            int value = Integer.parseInt(text);
            if (value < 0) {
                throw new MalformedRecordException("negative header " + name);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new MalformedRecordException("header " + name + " is not a number");
        }
    }

    /**
     * The value of a header that must be present.
     *
     * @throws MalformedRecordException if it is missing
     */
    public static String require(Headers headers, String name) {
        return get(headers, name).orElseThrow(() -> new MalformedRecordException("missing header " + name));
    }
}
