package dev.skein.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class VersionRecordsTest {

    @Test
    void requestsRoundTripWithLabelAndPrincipal() {
        VersionRequest request = new VersionRequest("doc-1", "c-1", "doc-a", "before the meeting ✓", Optional.of("alice"));
        ProducerRecord<String, byte[]> out = request.toRecord("updates", 3);
        assertEquals(3, out.partition());
        assertEquals("doc-1", out.key());
        assertEquals("version-request", RecordHeaders.get(out.headers(), RecordHeaders.KIND).orElseThrow());
        assertEquals("before the meeting ✓", new String(out.value(), StandardCharsets.UTF_8));
        assertEquals(request, VersionRequest.fromRecord(consumed(out)));

        VersionRequest unlabelled = new VersionRequest("doc-1", "c-2", "doc-a", "", Optional.empty());
        assertEquals(unlabelled, VersionRequest.fromRecord(consumed(unlabelled.toRecord("updates", 0))));
    }

    @Test
    void malformedRequestsAreRejected() {
        assertThrows(IllegalArgumentException.class,
            () -> new VersionRequest("d", "c", "r", "x".repeat(VersionRequest.MAX_LABEL_LENGTH + 1), Optional.empty()));
        ConsumerRecord<String, byte[]> noReplyTo = new ConsumerRecord<>("updates", 0, 0, "d", new byte[0]);
        RecordHeaders.put(noReplyTo.headers(), RecordHeaders.CORRELATION_ID, "c");
        assertThrows(MalformedRecordException.class, () -> VersionRequest.fromRecord(noReplyTo));
        ConsumerRecord<String, byte[]> noKey = new ConsumerRecord<>("updates", 0, 0, null, new byte[0]);
        assertThrows(MalformedRecordException.class, () -> VersionRequest.fromRecord(noKey));
        ConsumerRecord<String, byte[]> longLabel = new ConsumerRecord<>("updates", 0, 0, "d",
            "y".repeat(VersionRequest.MAX_LABEL_LENGTH + 1).getBytes(StandardCharsets.UTF_8));
        RecordHeaders.put(longLabel.headers(), RecordHeaders.CORRELATION_ID, "c");
        RecordHeaders.put(longLabel.headers(), RecordHeaders.REPLY_TO, "r");
        assertThrows(MalformedRecordException.class, () -> VersionRequest.fromRecord(longLabel));
    }

    @Test
    void repliesRoundTrip() {
        VersionReply recorded = new VersionReply("doc-1", "c-1", "doc-a", VersionReply.Outcome.RECORDED, OptionalLong.of(42));
        ProducerRecord<String, byte[]> out = recorded.toRecord("replies", 2);
        assertEquals("doc-a", out.key());
        assertEquals("version-reply", RecordHeaders.get(out.headers(), RecordHeaders.KIND).orElseThrow());
        assertEquals("42", RecordHeaders.get(out.headers(), RecordHeaders.VERSION).orElseThrow());
        assertEquals(recorded, VersionReply.fromRecord(consumed(out)));
        VersionReply off = new VersionReply("doc-1", "c-2", "doc-a", VersionReply.Outcome.HISTORY_OFF, OptionalLong.empty());
        assertEquals(off, VersionReply.fromRecord(consumed(off.toRecord("replies", 2))));
        assertThrows(IllegalArgumentException.class,
            () -> new VersionReply("d", "c", "r", VersionReply.Outcome.EMPTY, OptionalLong.of(1)));
    }

    @Test
    void malformedRepliesAreRejected() {
        ProducerRecord<String, byte[]> unknown = new VersionReply("d", "c", "r", VersionReply.Outcome.EMPTY,
            OptionalLong.empty()).toRecord("replies", 0);
        unknown.headers().remove(RecordHeaders.VERSION_OUTCOME);
        RecordHeaders.put(unknown.headers(), RecordHeaders.VERSION_OUTCOME, "maybe");
        assertThrows(MalformedRecordException.class, () -> VersionReply.fromRecord(consumed(unknown)));
        ProducerRecord<String, byte[]> noVersion = new VersionReply("d", "c", "r", VersionReply.Outcome.RECORDED,
            OptionalLong.of(5)).toRecord("replies", 0);
        noVersion.headers().remove(RecordHeaders.VERSION);
        assertThrows(MalformedRecordException.class, () -> VersionReply.fromRecord(consumed(noVersion)));
    }

    @Test
    void updatesCarryThePrincipalTheyWereMadeFor() {
        ProducerRecord<String, byte[]> out = DocumentRecords.update("updates", 1, "d", new byte[] {0, 0}, "gw/1", "bob");
        assertEquals("bob", DocumentRecords.principal(consumed(out)).orElseThrow());
        assertEquals(Optional.empty(),
            DocumentRecords.principal(consumed(DocumentRecords.update("updates", 1, "d", new byte[] {0, 0}, "gw/1"))));
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> out) {
        ConsumerRecord<String, byte[]> in = new ConsumerRecord<>(out.topic(), out.partition() == null ? 0 : out.partition(),
            0, out.key(), out.value());
        out.headers().forEach(h -> in.headers().add(h));
        return in;
    }
}
