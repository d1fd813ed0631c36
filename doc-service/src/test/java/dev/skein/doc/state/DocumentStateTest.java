package dev.skein.doc.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.doc.TestUpdates;
import dev.skein.ycrdt.update.Compaction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentStateTest {

    @Test
    void mergesLazilyWhenTheTailPassesItsBoundOrTheStateIsNeeded() {
        DocumentState state = new DocumentState(null, 10, 1 << 20, 0);
        List<byte[]> updates = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            byte[] update = TestUpdates.text(1, i, "k");
            updates.add(update);
            state.append(update, i);
        }
        assertEquals(2, state.merges(), "one merge per 10 updates, not one per update");
        assertEquals(5, state.tailSize());
        assertArrayEquals(Compaction.mergeAndCompact(updates), state.state());
        assertEquals(3, state.merges());
        state.state();
        assertEquals(3, state.merges(), "nothing new, nothing merged");
    }

    @Test
    void emptyDocumentIsTheEmptyUpdate() {
        assertArrayEquals(new byte[] {0, 0}, new DocumentState(null, 10, 1 << 20, 0).state());
    }
}
