package dev.skein.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class SyncRepliesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void tenMegabyteReplyCrossesInPartsBelowOneMegabyte() {
        byte[] update = new byte[10 * 1024 * 1024 + 17];
        new Random(1).nextBytes(update);
        byte[] sv = {1, 5, 9};
        List<ProducerRecord<String, byte[]>> records = SyncReplies.toRecords(
            "replies", 3, new SyncReply("doc", "c1", "gw-1", update, sv), SyncReplies.DEFAULT_MAX_PART_BYTES);
        assertEquals(21, records.size());
        SyncReplyAssembler assembler = new SyncReplyAssembler("gw-1", 16L << 20, Duration.ofSeconds(30), id -> true, CLOCK);
        SyncReplyAssembler.Outcome last = null;
        for (ProducerRecord<String, byte[]> record : records) {
            assertEquals(3, record.partition());
            assertTrue(record.value().length <= SyncReplies.DEFAULT_MAX_PART_BYTES);
            last = assembler.accept(consumed(record));
        }
        SyncReply reply = assertInstanceOf(SyncReplyAssembler.Complete.class, last).reply();
        assertArrayEquals(update, reply.update());
        assertArrayEquals(sv, reply.stateVector());
        assertEquals("doc", reply.docId());
        assertEquals(0, assembler.bufferedBytes());
    }

    @Test
    void smallReplyIsOnePart() {
        List<ProducerRecord<String, byte[]>> records = SyncReplies.toRecords(
            "replies", 0, new SyncReply("doc", "c1", "gw-1", new byte[] {0, 0}, new byte[] {0}), 1024);
        assertEquals(1, records.size());
        SyncReplyAssembler assembler = new SyncReplyAssembler("gw-1", 1024, Duration.ofSeconds(30), id -> true, CLOCK);
        SyncReply reply = assertInstanceOf(SyncReplyAssembler.Complete.class, assembler.accept(consumed(records.get(0)))).reply();
        assertArrayEquals(new byte[] {0, 0}, reply.update());
        assertArrayEquals(new byte[] {0}, reply.stateVector());
    }

    @Test
    void replyPastTheBoundIsRejectedAndFreed() {
        List<ProducerRecord<String, byte[]>> records = SyncReplies.toRecords(
            "replies", 0, new SyncReply("doc", "c1", "gw-1", new byte[5000], new byte[] {0}), 1000);
        SyncReplyAssembler assembler = new SyncReplyAssembler("gw-1", 2500, Duration.ofSeconds(30), id -> true, CLOCK);
        assertInstanceOf(SyncReplyAssembler.Incomplete.class, assembler.accept(consumed(records.get(0))));
        assertInstanceOf(SyncReplyAssembler.Incomplete.class, assembler.accept(consumed(records.get(1))));
        assertInstanceOf(SyncReplyAssembler.Rejected.class, assembler.accept(consumed(records.get(2))));
        assertEquals(0, assembler.bufferedBytes());
        assertInstanceOf(SyncReplyAssembler.Rejected.class, assembler.accept(consumed(records.get(3))));
    }

    @Test
    void othersRepliesAndUnawaitedRepliesAreIgnored() {
        ProducerRecord<String, byte[]> record = SyncReplies.toRecords(
            "replies", 0, new SyncReply("doc", "c1", "gw-2", new byte[] {0, 0}, new byte[] {0}), 1024).get(0);
        SyncReplyAssembler mine = new SyncReplyAssembler("gw-1", 1024, Duration.ofSeconds(30), id -> true, CLOCK);
        assertInstanceOf(SyncReplyAssembler.Ignored.class, mine.accept(consumed(record)));
        SyncReplyAssembler notAwaited = new SyncReplyAssembler("gw-2", 1024, Duration.ofSeconds(30), id -> false, CLOCK);
        assertInstanceOf(SyncReplyAssembler.Ignored.class, notAwaited.accept(consumed(record)));
    }

    @Test
    void outOfOrderPartRejects() {
        List<ProducerRecord<String, byte[]>> records = SyncReplies.toRecords(
            "replies", 0, new SyncReply("doc", "c1", "gw-1", new byte[3000], new byte[] {0}), 1000);
        SyncReplyAssembler assembler = new SyncReplyAssembler("gw-1", 1 << 20, Duration.ofSeconds(30), id -> true, CLOCK);
        assertInstanceOf(SyncReplyAssembler.Rejected.class, assembler.accept(consumed(records.get(1))));
        assertInstanceOf(SyncReplyAssembler.Incomplete.class, assembler.accept(consumed(records.get(0))));
        assertInstanceOf(SyncReplyAssembler.Rejected.class, assembler.accept(consumed(records.get(2))));
        assertEquals(0, assembler.bufferedBytes());
    }

    @Test
    void syncRequestRoundTrip() {
        ProducerRecord<String, byte[]> record = new SyncRequest("doc", "c9", "gw-1", new byte[] {1, 2}).toRecord("updates", 4);
        SyncRequest back = SyncRequest.fromRecord(consumed(record));
        assertEquals("doc", back.docId());
        assertEquals("c9", back.correlationId());
        assertEquals("gw-1", back.replyTo());
        assertArrayEquals(new byte[] {1, 2}, back.stateVector());
        assertEquals(RecordKind.SYNC_REQUEST, RecordKind.of(record.headers()).orElseThrow());
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> record) {
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(record.topic(), record.partition(), 0L, record.key(), record.value());
        record.headers().forEach(h -> consumed.headers().add(h));
        return consumed;
    }
}
