package dev.skein.doc.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.doc.RandomEdits;
import dev.skein.doc.changes.ChangeReplay;
import dev.skein.doc.content.ContentJson;
import dev.skein.doc.content.RootType;
import dev.skein.doc.content.RootTyping;
import dev.skein.doc.content.StateDocs;
import dev.skein.doc.edit.EditApplier;
import dev.skein.doc.edit.EditOps;
import dev.skein.doc.edit.EditRejectedException;
import dev.skein.doc.edit.StreamAnchors;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.lib0.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A live document under random edits (its own, through the API) and remote updates (another
 * replica's): the change events, applied to a copy of the previous JSON, give the next JSON; the
 * replicas converge; a refused edit leaves nothing.
 */
class LiveDocumentChangesTest {

    private static final Map<String, RootType> ROOTS = Map.of("t", RootType.TEXT, "m", RootType.MAP,
        "a", RootType.ARRAY, "x", RootType.XML);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Doc doc) {
        Doc copy = StateDocs.load(doc.encodeStateAsUpdate());
        return (Map<String, Object>) Json.parse(ContentJson.render(copy, RootTyping.type(copy, ROOTS), true));
    }

    /** JSON with object keys sorted: a follower adds keys at the end, yjs keeps a key where it was first set. */
    static String canonical(Object json) {
        return Json.stringify(sorted(json));
    }

    private static Object sorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.TreeMap<>();
            m.forEach((k, x) -> out.put((String) k, sorted(x)));
            return out;
        }
        if (v instanceof java.util.List<?> l) {
            return l.stream().map(LiveDocumentChangesTest::sorted).toList();
        }
        return v;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void changeEventsReplayedOnThePreviousJsonGiveTheNextJson(long seed) {
        RandomEdits edits = new RandomEdits(seed);
        LiveDocument live = LiveDocument.load(new byte[] {0, 0}, java.util.List.of(), 8);
        Doc replica = new Doc();
        Map<String, Object> followed = json(live.doc());
        for (int step = 0; step < 250; step++) {
            if (edits.random().nextInt(10) < 6) {
                LiveDocument.EditResult result;
                try {
                    result = live.edit(EditOps.parse(edits.request(live.doc())));
                } catch (EditRejectedException e) {
                    // a random second operation may not fit after the first: the document is then dropped
                    assertTrue(live.broken());
                    live = LiveDocument.load(replica.encodeStateAsUpdate(), java.util.List.of(), 8);
                    followed = json(live.doc());
                    continue;
                }
                if (result.update() != null) {
                    replica.applyUpdate(result.update());
                }
            } else {
                String request = edits.request(replica);
                byte[][] emitted = new byte[1][];
                var subscription = replica.onUpdate((u, origin, t) -> emitted[0] = u);
                try {
                    replica.transact(t -> new EditApplier(replica, new StreamAnchors(1), (n, r) -> { })
                        .apply(EditOps.parse(request)));
                } catch (EditRejectedException e) {
                    // a plain replica keeps what it did before the refusal: that is its update then
                } finally {
                    subscription.close();
                }
                byte[] update = emitted[0];
                if (update != null) {
                    byte[] reaction = live.applyRemote(update);
                    if (reaction != null) {
                        replica.applyUpdate(reaction);
                    }
                }
            }
            ChangeReplay.applyRoots(followed, live.drainChanges());
            Map<String, Object> now = json(live.doc());
            assertEquals(canonical(now), canonical(followed), "seed " + seed + " step " + step);
            assertEquals(canonical(now), canonical(json(replica)), "replicas converge, seed " + seed);
        }
    }

    @Test
    void aRefusedEditLeavesNothingToProduceAndBreaksTheDocument() {
        LiveDocument live = LiveDocument.load(new byte[] {0, 0}, java.util.List.of(), 8);
        live.edit(EditOps.parse("{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":0,\"text\":\"ab\"}],\"roots\":{\"t\":\"text\"}}"));
        live.drainChanges();
        EditRejectedException e = assertThrows(EditRejectedException.class, () -> live.edit(EditOps.parse(
            "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":0,\"text\":\"X\"},"
                + "{\"op\":\"text.delete\",\"root\":\"t\",\"index\":2,\"length\":5}]}")));
        assertEquals(1, e.op());
        assertTrue(live.broken());
        assertTrue(live.drainChanges().isEmpty(), "no change event for a refused edit");
        // whatever the document emitted while refusing does not come out with the next change
        assertNull(live.applyRemote(new Doc().encodeStateAsUpdate()));
    }
}
