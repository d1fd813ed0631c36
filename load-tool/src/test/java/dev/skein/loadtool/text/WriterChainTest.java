package dev.skein.loadtool.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.ycrdt.id.Id;
import dev.skein.ycrdt.struct.ContentString;
import dev.skein.ycrdt.struct.Item;
import dev.skein.ycrdt.update.UpdateFormat;
import dev.skein.ycrdt.update.Updates;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriterChainTest {

    @Test
    void piecesHaveAFixedWidthAndAreDistinct() {
        assertEquals("0000000 ", WriterChain.piece(0));
        assertEquals("000000Z ", WriterChain.piece(35));
        assertEquals("0000010 ", WriterChain.piece(36));
        assertEquals(WriterChain.PIECE_WIDTH, WriterChain.piece(Integer.MAX_VALUE).length());
    }

    @Test
    void eachUpdateAppendsOnePieceAfterThePreviousOne() {
        WriterChain chain = new WriterChain(42, "text-0", 3);
        Item first = onlyItem(chain.next());
        assertEquals(0, first.clock());
        assertNull(first.origin());
        assertEquals("text-0", first.parent());
        Item second = onlyItem(chain.next());
        assertEquals(WriterChain.PIECE_WIDTH, second.clock());
        assertEquals(new Id(42, WriterChain.PIECE_WIDTH - 1), second.origin());
        assertEquals(WriterChain.piece(1), ((ContentString) second.content()).str());
        assertEquals(WriterChain.piece(0) + WriterChain.piece(1), chain.text());
        assertTrue(chain.sentNanos(1) != 0);
        chain.next();
        assertFalse(chain.hasCapacity());
        assertThrows(IllegalStateException.class, chain::next);
    }

    @Test
    void aReaderCountsLossDuplicatesAndRebuildsTheText() {
        WriterChain chain = new WriterChain(7, "t", 10);
        List<byte[]> updates = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            updates.add(chain.next());
        }
        ReceivedText reader = new ReceivedText();
        reader.follow(chain);
        long now = System.nanoTime();
        reader.accept(updates.get(0), now, true);
        reader.accept(updates.get(2), now, true);
        reader.accept(updates.get(2), now, true);
        ChainCopy copy = reader.copyOf(chain);
        assertEquals(2, copy.missingOf(4));
        assertEquals(1, copy.duplicates());
        assertEquals(2, reader.latency().getTotalCount());
        // a merged sync reply fills the gaps; it is not a live delivery, so no latency
        reader.accept(Updates.mergeUpdates(updates), now, false);
        assertEquals(0, copy.missingOf(4));
        assertEquals(chain.text(), copy.text());
        assertEquals(2, reader.latency().getTotalCount());
    }

    @Test
    void deletionUpdatesCarryOnlyADeleteSet() {
        Updates.DecodedUpdate decoded = Updates.decode(TextUpdates.delete(5, 3, 2), UpdateFormat.V1);
        assertTrue(decoded.structs().isEmpty());
        assertTrue(decoded.deleteSet().clients().containsKey(5L));
    }

    private static Item onlyItem(byte[] update) {
        Updates.DecodedUpdate decoded = Updates.decode(update, UpdateFormat.V1);
        assertEquals(1, decoded.structs().size());
        assertTrue(decoded.deleteSet().isEmpty());
        return (Item) decoded.structs().get(0);
    }
}
