package dev.skein.loadtool.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.ycrdt.update.Compaction;
import dev.skein.ycrdt.update.Updates;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TraceReplayTest {

    @Test
    void replaysInsertionsAndDeletionsIntoTheTracesText() {
        EditTrace trace = new EditTrace("", List.of(
                new EditTrace.Patch(0, 0, "hello"),
                new EditTrace.Patch(5, 0, " world"),
                new EditTrace.Patch(0, 1, "H"),
                new EditTrace.Patch(5, 6, ""),
                new EditTrace.Patch(5, 0, "!"),
                new EditTrace.Patch(2, 2, "")), "Heo!");
        assertEquals(trace.endContent(), trace.replayAsText());
        TraceReplay replay = TraceReplay.of(trace, 99, "text");
        assertEquals(trace.endContent(), DocumentCheck.visibleText(replay, Updates.mergeUpdates(replay.updates())));
        assertEquals(trace.endContent(), DocumentCheck.visibleText(replay, Compaction.mergeAndCompact(replay.updates())));
    }

    @Test
    void randomEditsAcrossManyBlocksEndInTheSameText() {
        SplittableRandom random = new SplittableRandom(4);
        StringBuilder text = new StringBuilder();
        List<EditTrace.Patch> patches = new java.util.ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            int position = random.nextInt(text.length() + 1);
            int delete = text.length() - position > 0 && random.nextInt(3) == 0
                    ? 1 + random.nextInt(Math.min(5, text.length() - position)) : 0;
            String insert = random.nextInt(4) == 0 ? "" : "abcdefgh".substring(0, 1 + random.nextInt(8));
            if (delete == 0 && insert.isEmpty()) {
                insert = "x";
            }
            patches.add(new EditTrace.Patch(position, delete, insert));
            text.replace(position, position + delete, insert);
        }
        EditTrace trace = new EditTrace("", patches, text.toString());
        TraceReplay replay = TraceReplay.of(trace, 1234567, "text");
        assertEquals(text.toString(), DocumentCheck.visibleText(replay, Compaction.mergeAndCompact(replay.updates())));
    }
}
