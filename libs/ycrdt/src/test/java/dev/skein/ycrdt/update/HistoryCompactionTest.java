package dev.skein.ycrdt.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.DocOptions;
import dev.skein.ycrdt.doc.Snapshot;
import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.types.YArray;
import dev.skein.ycrdt.types.YMap;
import dev.skein.ycrdt.types.YText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compaction that keeps deleted content outside a collectable delete set: every snapshot taken at
 * or after the point whose deletions were collected still restores the document as it was.
 */
class HistoryCompactionTest {

    private static final int SEEDS = 30;
    private static final int STEPS = 240;
    private static final int CUT_EVERY = 40;

    @Test
    void snapshotsFromTheCollectedPointOnRestoreAsBefore() {
        for (int seed = 0; seed < SEEDS; seed++) {
            Session session = Session.random(seed);
            for (int k = 0; k < session.snapshots.size(); k++) {
                DeleteSet collectable = session.snapshots.get(k).deleteSet();
                byte[] compacted = Compaction.mergeAndCompact(session.updates, collectable);
                Doc loaded = gcOff(compacted);
                for (int j = k; j < session.snapshots.size(); j++) {
                    Snapshot snapshot = session.snapshots.get(j);
                    assertEquals(session.jsonAt.get(j), json(Snapshot.createDocFromSnapshot(loaded, snapshot)),
                        "seed " + seed + ": snapshot " + j + " after collecting up to " + k);
                }
            }
        }
    }

    @Test
    void anEmptyCollectableSetKeepsEveryPastStateAndStillJoinsRuns() {
        for (int seed = 0; seed < SEEDS; seed++) {
            Session session = Session.random(seed);
            byte[] kept = Compaction.mergeAndCompact(session.updates, new DeleteSet());
            Doc loaded = gcOff(kept);
            for (int j = 0; j < session.snapshots.size(); j++) {
                assertEquals(session.jsonAt.get(j), json(Snapshot.createDocFromSnapshot(loaded, session.snapshots.get(j))),
                    "seed " + seed + ": snapshot " + j);
            }
            assertTrue(kept.length <= Updates.mergeUpdates(session.updates).length, "never larger than the plain merge");
        }
    }

    @Test
    void collectingEverythingDeletedIsTheUsualCompaction() {
        for (int seed = 0; seed < 10; seed++) {
            Session session = Session.random(seed);
            DeleteSet all = Updates.decode(Updates.mergeUpdates(session.updates), UpdateFormat.V1).deleteSet();
            assertArrayEquals(Compaction.mergeAndCompact(session.updates),
                Compaction.mergeAndCompact(session.updates, all), "seed " + seed);
        }
    }

    @Test
    void intersectionKeepsOnlyIdsDeletedInBoth() {
        DeleteSet a = new DeleteSet();
        a.add(1, 0, 10);
        a.add(1, 20, 5);
        a.add(2, 0, 3);
        DeleteSet b = new DeleteSet();
        b.add(1, 5, 17);
        b.add(3, 0, 1);
        DeleteSet both = DeleteSet.intersection(a, b);
        assertEquals(Map.of(1L, 2), Map.of(1L, both.clients().get(1L).size()));
        assertEquals(5, both.clients().get(1L).clock(0));
        assertEquals(5, both.clients().get(1L).len(0));
        assertEquals(20, both.clients().get(1L).clock(1));
        assertEquals(2, both.clients().get(1L).len(1));
        assertEquals(1, both.clients().size());
    }

    private static Doc gcOff(byte[] state) {
        Doc doc = new Doc(DocOptions.defaults().withGc(false));
        doc.applyUpdate(state);
        return doc;
    }

    private static String json(Doc doc) {
        Map<String, Object> roots = new LinkedHashMap<>();
        roots.put("t", doc.getText("t").toJSON());
        roots.put("a", doc.getArray("a").toJSON());
        roots.put("m", doc.getMap("m").toJSON());
        return Json.stringify(roots);
    }

    /** Two replicas editing text, an array and a map at random; snapshots of the first every few steps. */
    private record Session(List<byte[]> updates, List<Snapshot> snapshots, List<String> jsonAt) {

        private static final Object REMOTE = new Object();

        static Session random(long seed) {
            Random random = new Random(seed);
            Doc a = new Doc(DocOptions.defaults().withClientId(1000 + seed).withGc(false));
            Doc b = new Doc(DocOptions.defaults().withClientId(2000 + seed).withGc(false));
            List<byte[]> updates = new ArrayList<>();
            a.onUpdate((update, origin, txn) -> {
                if (origin != REMOTE) {
                    updates.add(update);
                    b.applyUpdate(update, REMOTE, UpdateFormat.V1);
                }
            });
            b.onUpdate((update, origin, txn) -> {
                if (origin != REMOTE) {
                    updates.add(update);
                    a.applyUpdate(update, REMOTE, UpdateFormat.V1);
                }
            });
            List<Snapshot> snapshots = new ArrayList<>();
            List<String> jsonAt = new ArrayList<>();
            for (int step = 1; step <= STEPS; step++) {
                edit(random.nextBoolean() ? a : b, random);
                if (step % CUT_EVERY == 0) {
                    snapshots.add(Snapshot.of(a));
                    jsonAt.add(json(Snapshot.createDocFromSnapshot(a, snapshots.get(snapshots.size() - 1))));
                }
            }
            return new Session(updates, snapshots, jsonAt);
        }

        private static void edit(Doc doc, Random random) {
            YText text = doc.getText("t");
            YArray array = doc.getArray("a");
            YMap map = doc.getMap("m");
            int choice = random.nextInt(10);
            if (choice < 5 || text.length() == 0) {
                text.insert(random.nextInt(text.length() + 1), "abcdefgh".substring(0, 1 + random.nextInt(8)));
            } else if (choice < 7) {
                int at = random.nextInt(text.length());
                text.delete(at, Math.min(text.length() - at, 1 + random.nextInt(4)));
            } else if (choice == 7) {
                if (array.length() > 0 && random.nextBoolean()) {
                    array.delete(random.nextInt(array.length()), 1);
                } else {
                    array.insert(random.nextInt(array.length() + 1), List.of(random.nextInt(100), "v" + random.nextInt(9)));
                }
            } else if (choice == 8) {
                map.set("k" + random.nextInt(4), random.nextInt(1000));
            } else {
                map.delete("k" + random.nextInt(4));
            }
        }
    }
}
