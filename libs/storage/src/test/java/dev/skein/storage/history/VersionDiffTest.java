package dev.skein.storage.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skein.storage.layout.VersionName;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.DocOptions;
import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.update.Compaction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Content and differences of versions rebuilt from stored content that kept its deletions. */
class VersionDiffTest {

    private final Doc alice = new Doc(DocOptions.defaults().withClientId(1).withGc(false));
    private final Doc bob = new Doc(DocOptions.defaults().withClientId(2).withGc(false));
    private final List<byte[]> log = new ArrayList<>();
    private final List<StoredVersion> versions = new ArrayList<>();
    private ChangeSet changes = new ChangeSet();

    @Test
    void aDiffMarksWhatWasAddedAndRemovedAndByWhom() {
        edit(alice, "alice", d -> d.getText("t").insert(0, "hello world"));
        edit(alice, "alice", d -> d.getMap("m").set("k", 1.0));
        version(10);
        edit(bob, "bob", d -> d.getText("t").delete(0, 6));
        edit(alice, "alice", d -> d.getText("t").insert(11, "!"));
        edit(bob, "bob", d -> d.getMap("m").set("k", 2.0));
        version(20);

        DocumentHistory history = new DocumentHistory(versions);
        Doc origin = PastStates.origin(Compaction.mergeAndCompact(log, new DeleteSet()));
        String diff = Json.stringify(VersionDiff.between(history, origin, 10, 20,
            List.of(RootSpec.parse("t:text"), RootSpec.parse("m:map"))));
        assertEquals("{\"from\":10,\"to\":20,\"authors\":[\"alice\",\"bob\"],\"roots\":{"
            + "\"t\":{\"type\":\"text\",\"delta\":["
            + "{\"insert\":\"hello \",\"attributes\":{\"ychange\":{\"type\":\"removed\",\"user\":1,\"by\":\"bob\"}}},"
            + "{\"insert\":\"world\"},"
            + "{\"insert\":\"!\",\"attributes\":{\"ychange\":{\"type\":\"added\",\"user\":1,\"by\":\"alice\"}}}]},"
            + "\"m\":{\"type\":\"map\",\"from\":{\"k\":1},\"to\":{\"k\":2}}}}", diff);

        Doc origin2 = PastStates.origin(Compaction.mergeAndCompact(log, new DeleteSet()));
        assertEquals("{\"t\":\"hello world\",\"m\":{\"k\":1}}",
            Json.stringify(DocumentJson.of(PastStates.at(origin2, history.snapshot(10).orElseThrow()), List.of())),
            "untyped roots of a version typed by their content");
        assertThrows(IllegalArgumentException.class, () -> VersionDiff.between(history, origin2, 20, 10, List.of()));
    }

    @Test
    void rootSpecsNameATypeAfterTheLastColon() {
        assertEquals(new RootSpec("a:b", dev.skein.ycrdt.doc.RootKind.XML_FRAGMENT), RootSpec.parse("a:b:xml"));
        assertEquals("array", RootSpec.parse("list:ARRAY").typeName());
        assertThrows(IllegalArgumentException.class, () -> RootSpec.parse("t"));
        assertThrows(IllegalArgumentException.class, () -> RootSpec.parse(":text"));
        assertThrows(IllegalArgumentException.class, () -> RootSpec.parse("t:string"));
    }

    private void edit(Doc doc, String principal, Consumer<Doc> edit) {
        List<byte[]> made = new ArrayList<>();
        var subscription = doc.onUpdate((update, origin, txn) -> made.add(update));
        edit.accept(doc);
        subscription.close();
        for (byte[] update : made) {
            log.add(update);
            changes.addUpdate(principal, update);
            (doc == alice ? bob : alice).applyUpdate(update);
        }
    }

    private void version(long offset) {
        VersionRecord record = new VersionRecord(offset * 100, Trigger.IDLE, "", "", alice.stateVector(), changes);
        long from = versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version() + 1;
        versions.add(new StoredVersion(new VersionName("d", 0, from, offset), 10, record));
        changes = new ChangeSet();
    }
}
