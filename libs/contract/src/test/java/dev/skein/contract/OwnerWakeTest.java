package dev.skein.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The requests someone waits on carry the padding that completes the owner's held fetch. */
class OwnerWakeTest {

    private static int wakeBytes(ProducerRecord<String, byte[]> record) {
        Header wake = record.headers().lastHeader(RecordHeaders.WAKE);
        return wake == null ? -1 : wake.value().length;
    }

    @Test
    void syncAndEditRequestsCarryAsManyBytesAsTheOwnerWaitsFor() {
        ProducerRecord<String, byte[]> sync = new SyncRequest("d", "c", "gw", new byte[] {0}).toRecord("u", 0);
        ProducerRecord<String, byte[]> edit = new EditRequest("d", "c", "doc-1", Optional.empty(),
            "{}".getBytes(StandardCharsets.UTF_8)).toRecord("u", 0);

        assertEquals(OwnerWake.FETCH_MIN_BYTES, wakeBytes(sync));
        assertEquals(OwnerWake.FETCH_MIN_BYTES, wakeBytes(edit));
    }

    @Test
    void aStreamChunkAndAnUpdateCarryNone() {
        ProducerRecord<String, byte[]> chunk = new EditRequest("d", "c", "doc-1", Optional.empty(),
            "{}".getBytes(StandardCharsets.UTF_8)).toRecord("u", 0, false);
        ProducerRecord<String, byte[]> update = DocumentRecords.update("u", 0, "d", new byte[] {0, 0}, "gw/1");

        assertNull(chunk.headers().lastHeader(RecordHeaders.WAKE));
        assertNull(update.headers().lastHeader(RecordHeaders.WAKE));
    }
}
