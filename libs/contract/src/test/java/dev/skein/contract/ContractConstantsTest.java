package dev.skein.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Pins every name that crosses Kafka: changing one breaks running services of another version. */
class ContractConstantsTest {

    @Test
    void topicNamesAndKeys() {
        assertEquals(new Topics("skein.doc.updates", "skein.doc.sync-replies", "skein.doc.awareness", "skein.acl.changes",
            "skein.doc.changes"),
            Topics.defaults());
        assertEquals("skein.topics.updates", Topics.UPDATES_KEY);
        assertEquals("skein.topics.sync-replies", Topics.SYNC_REPLIES_KEY);
        assertEquals("skein.topics.awareness", Topics.AWARENESS_KEY);
        assertEquals("skein.topics.acl-changes", Topics.ACL_CHANGES_KEY);
        assertEquals("skein.topics.changes", Topics.CHANGES_KEY);
    }

    @Test
    void recordSizes() {
        assertEquals(512 * 1024, SyncReplies.DEFAULT_MAX_PART_BYTES);
        assertEquals(128, DocumentIds.MAX_LENGTH);
    }

    @Test
    void headerNames() {
        assertEquals("skein-kind", RecordHeaders.KIND);
        assertEquals("skein-correlation-id", RecordHeaders.CORRELATION_ID);
        assertEquals("skein-reply-to", RecordHeaders.REPLY_TO);
        assertEquals("skein-doc-id", RecordHeaders.DOC_ID);
        assertEquals("skein-origin", RecordHeaders.ORIGIN);
        assertEquals("skein-part", RecordHeaders.PART);
        assertEquals("skein-parts", RecordHeaders.PARTS);
        assertEquals("skein-principal", RecordHeaders.PRINCIPAL);
        assertEquals("skein-version", RecordHeaders.VERSION);
        assertEquals("skein-version-outcome", RecordHeaders.VERSION_OUTCOME);
        assertEquals("skein-edit-outcome", RecordHeaders.EDIT_OUTCOME);
        assertEquals("skein-offset", RecordHeaders.OFFSET);
        assertEquals("skein-failed-op", RecordHeaders.FAILED_OP);
    }

    @Test
    void recordKinds() {
        assertEquals("update", RecordKind.UPDATE.wireName());
        assertEquals("sync-request", RecordKind.SYNC_REQUEST.wireName());
        assertEquals("sync-reply", RecordKind.SYNC_REPLY.wireName());
        assertEquals("awareness", RecordKind.AWARENESS.wireName());
        assertEquals("version-request", RecordKind.VERSION_REQUEST.wireName());
        assertEquals("version-reply", RecordKind.VERSION_REPLY.wireName());
        assertEquals("recorded", VersionReply.Outcome.RECORDED.wireName());
        assertEquals("empty", VersionReply.Outcome.EMPTY.wireName());
        assertEquals("history-off", VersionReply.Outcome.HISTORY_OFF.wireName());
        assertEquals(200, VersionRequest.MAX_LABEL_LENGTH);
        assertEquals("edit-request", RecordKind.EDIT_REQUEST.wireName());
        assertEquals("edit-reply", RecordKind.EDIT_REPLY.wireName());
        assertEquals("doc-change", RecordKind.DOC_CHANGE.wireName());
        assertEquals("applied", EditReply.Outcome.APPLIED.wireName());
        assertEquals("rejected", EditReply.Outcome.REJECTED.wireName());
        assertEquals("failed", EditReply.Outcome.FAILED.wireName());
        assertEquals(RecordKind.SYNC_REQUEST, RecordKind.fromWireName("sync-request").orElseThrow());
        assertEquals(true, RecordKind.fromWireName("other").isEmpty());
    }
}
