package dev.skein.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** Edit requests, edit replies and change records survive a trip through Kafka's record shapes. */
class EditRecordsTest {

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> produced) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(produced.topic(), 0, 0, produced.key(), produced.value());
        for (Header h : produced.headers()) {
            record.headers().add(h);
        }
        return record;
    }

    @Test
    void editRequestRoundTrip() {
        byte[] ops = "{\"ops\":[]}".getBytes(StandardCharsets.UTF_8);
        EditRequest request = new EditRequest("d", "c1", "doc-1", Optional.of("alice"), ops);
        ProducerRecord<String, byte[]> record = request.toRecord("u", 3);
        assertEquals(3, record.partition());
        assertEquals(RecordKind.EDIT_REQUEST, RecordKind.of(record.headers()).orElseThrow());
        EditRequest back = EditRequest.fromRecord(consumed(record));
        assertEquals("d", back.docId());
        assertEquals("c1", back.correlationId());
        assertEquals("doc-1", back.replyTo());
        assertEquals(Optional.of("alice"), back.principal());
        assertArrayEquals(ops, back.operations());
        EditRequest anonymous = EditRequest.fromRecord(consumed(
            new EditRequest("d", "c1", "doc-1", Optional.empty(), ops).toRecord("u", 0)));
        assertEquals(Optional.empty(), anonymous.principal());
    }

    @Test
    void editRequestWithoutHeadersIsMalformed() {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("u", 0, 0, "d", new byte[] {1});
        assertThrows(MalformedRecordException.class, () -> EditRequest.fromRecord(record));
        assertThrows(MalformedRecordException.class,
            () -> EditRequest.fromRecord(new ConsumerRecord<>("u", 0, 0, "d", null)));
    }

    @Test
    void editRepliesRoundTrip() {
        EditRequest request = new EditRequest("d", "c1", "doc-1", Optional.empty(), new byte[0]);
        EditReply applied = EditReply.fromRecord(consumed(
            EditReply.applied(request, 42, "{\"x\":1}".getBytes(StandardCharsets.UTF_8)).toRecord("r", 1)));
        assertEquals(EditReply.Outcome.APPLIED, applied.outcome());
        assertEquals(42, applied.offset());
        assertEquals("{\"x\":1}", applied.bodyText());
        assertEquals("doc-1", applied.replyTo());
        EditReply rejected = EditReply.fromRecord(consumed(EditReply.rejected(request, 2, "bad index").toRecord("r", 1)));
        assertEquals(EditReply.Outcome.REJECTED, rejected.outcome());
        assertEquals(2, rejected.failedOp());
        assertEquals("bad index", rejected.bodyText());
        EditReply failed = EditReply.fromRecord(consumed(EditReply.failed(request, "kafka").toRecord("r", 1)));
        assertEquals(EditReply.Outcome.FAILED, failed.outcome());
        assertEquals("d", failed.docId());
    }

    @Test
    void editReplyWithUnknownOutcomeIsMalformed() {
        ProducerRecord<String, byte[]> record = EditReply.failed(
            new EditRequest("d", "c", "r", Optional.empty(), new byte[0]), "x").toRecord("r", 0);
        record.headers().remove(RecordHeaders.EDIT_OUTCOME);
        RecordHeaders.put(record.headers(), RecordHeaders.EDIT_OUTCOME, "maybe");
        assertThrows(MalformedRecordException.class, () -> EditReply.fromRecord(consumed(record)));
    }

    @Test
    void changeRecord() {
        ProducerRecord<String, byte[]> record = DocChanges.record("c", 5, "d", "{}", "doc-1");
        assertEquals("d", record.key());
        assertEquals(5, record.partition());
        assertEquals(RecordKind.DOC_CHANGE, RecordKind.of(record.headers()).orElseThrow());
        assertEquals("doc-1", RecordHeaders.get(record.headers(), RecordHeaders.ORIGIN).orElseThrow());
    }
}
