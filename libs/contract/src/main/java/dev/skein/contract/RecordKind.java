package dev.skein.contract;

import java.util.Optional;
import org.apache.kafka.common.header.Headers;

/** The kind of a Skein Kafka record, written in the {@link RecordHeaders#KIND} header. */
public enum RecordKind {
    /** On the update topic: value is one Yjs update (v1) of the keyed document. */
    UPDATE("update"),
    /**
     * On the update topic: value is the requester's Yjs state vector; headers
     * {@link RecordHeaders#CORRELATION_ID} and {@link RecordHeaders#REPLY_TO}. See {@link SyncRequest}.
     */
    SYNC_REQUEST("sync-request"),
    /** On the sync-reply topic: one part of the answer to a sync request. See {@link SyncReplies}. */
    SYNC_REPLY("sync-reply"),
    /**
     * On the update topic: operations (JSON) for the document's owner to apply as its own Yjs
     * client, in log order; headers {@link RecordHeaders#CORRELATION_ID}, {@link RecordHeaders#REPLY_TO},
     * optionally {@link RecordHeaders#PRINCIPAL}. See {@link EditRequest}.
     */
    EDIT_REQUEST("edit-request"),
    /** On the sync-reply topic: the owner's answer to an {@link #EDIT_REQUEST}. See {@link EditReply}. */
    EDIT_REPLY("edit-reply"),
    /** On the change topic: what updates of the keyed document changed, as JSON. See {@link DocChanges}. */
    DOC_CHANGE("doc-change"),
    /** On the awareness topic: value is a y-protocols awareness update of the keyed document. */
    AWARENESS("awareness"),
    /**
     * On the awareness topic: a gateway instance is alive. Key and {@link RecordHeaders#GATEWAY}:
     * its instance id; empty value. See {@link AwarenessRecords#heartbeat}.
     */
    GATEWAY_HEARTBEAT("gateway-heartbeat"),
    /**
     * On the update topic: record a version of the keyed document covering every record before
     * this one in its partition; value = the label (UTF-8, empty for none); headers
     * {@link RecordHeaders#CORRELATION_ID}, {@link RecordHeaders#REPLY_TO}, optionally
     * {@link RecordHeaders#PRINCIPAL}. persistence-service acts on it in log order. See {@link VersionRequest}.
     */
    VERSION_REQUEST("version-request"),
    /** On the sync-reply topic: persistence-service's answer to a {@link #VERSION_REQUEST}. See {@link VersionReply}. */
    VERSION_REPLY("version-reply");

    private final String wireName;

    RecordKind(String wireName) {
        this.wireName = wireName;
    }

    /** The header value of this kind. */
    public String wireName() {
        return wireName;
    }

    /** The kind named by a header value, if it is known. */
    public static Optional<RecordKind> fromWireName(String name) {
        for (RecordKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The kind of a record from its headers; empty when the header is missing or unknown. */
    public static Optional<RecordKind> of(Headers headers) {
        return RecordHeaders.get(headers, RecordHeaders.KIND).flatMap(RecordKind::fromWireName);
    }

    /** Writes this kind into record headers. */
    public void writeTo(Headers headers) {
        RecordHeaders.put(headers, RecordHeaders.KIND, wireName);
    }
}
