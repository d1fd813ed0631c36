package dev.skein.persistence.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.contract.VersionRequest;
import dev.skein.persistence.Cluster;
import dev.skein.persistence.VersionContent;
import dev.skein.storage.layout.VersionName;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.DocOptions;
import dev.skein.ycrdt.types.YText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged service SIGKILLed while it records versions (and compacts after each, folding and
 * deleting changes objects): three rounds of typing and deleting with a version request every few
 * updates, each round ended by a kill as soon as the round's first versions are listed, then a
 * restart. No version that was listed before a kill is lost, every requested version exists once,
 * and each shows exactly the text typed before its request. Seed printed; {@code -Dskein.history.seed=} replays.
 */
class HistoryCrashIT extends OwnServers {

    private static final String BUCKET = "history-crash";
    private static final String GROUP = "persistence-history-crash-it";

    @Test
    void aKillWhileVersionsAreWrittenLosesNoListedVersion() {
        long seed = Long.getLong("skein.history.seed", System.nanoTime());
        System.getLogger(HistoryCrashIT.class.getName()).log(System.Logger.Level.INFO,
            "history crash test seed {0} (replay with -Dskein.history.seed={0})", Long.toString(seed));
        Random random = new Random(seed);
        Map<String, String> settings = connection(BUCKET);
        settings.putAll(Map.of(
            "skein.persistence.group-id", GROUP,
            "skein.persistence.auth.enabled", "false",
            "skein.persistence.flush.max-updates", "5",
            "skein.persistence.flush.max-age", "200ms",
            "skein.persistence.commit-interval", "100ms",
            "skein.persistence.compaction.batch-threshold", "3",
            "skein.persistence.compaction.keep-snapshots", "1",
            // only requests make versions here, so the test knows where each one is
            "skein.history.idle", "1h",
            "skein.history.max-interval", "1h"));
        String doc = "crash-history-" + UUID.randomUUID();
        Doc replica = new Doc(DocOptions.defaults().withClientId(71).withGc(false));
        YText text = replica.getText("t");
        List<byte[]> made = new ArrayList<>();
        replica.onUpdate((update, origin, txn) -> made.add(update));
        Map<Long, String> textAtRequest = new LinkedHashMap<>();
        Set<Long> listedBeforeKills = new HashSet<>();
        try (PackagedService service = new PackagedService("persistence", "persistence-service", logs, settings).start();
             Cluster cluster = new Cluster(kafka.bootstrapServers(), s3, BUCKET, GROUP)) {
            VersionContent versions = new VersionContent(cluster.reader());
            for (int round = 0; round < 3; round++) {
                int before = versions.history(doc).versions().size();
                for (int i = 0; i < 60; i++) {
                    if (text.length() > 3 && random.nextInt(4) == 0) {
                        text.delete(random.nextInt(text.length() - 1), 1 + random.nextInt(2));
                    } else {
                        text.insert(random.nextInt(text.length() + 1), Character.toString('a' + random.nextInt(26)));
                    }
                    made.forEach(u -> cluster.produce(doc, u, "typist", System.currentTimeMillis()));
                    made.clear();
                    if (i % 4 == 3) {
                        long offset = cluster.requestVersion(new VersionRequest(doc, "c-" + UUID.randomUUID(), "crash-it",
                            "", Optional.empty()), System.currentTimeMillis());
                        textAtRequest.put(offset, text.toString());
                    }
                }
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> versions.history(doc).versions().size() > before);
                listedBeforeKills.addAll(versions.history(doc).versions());
                service.kill();
                service.start();
            }
            List<Long> requested = new ArrayList<>(textAtRequest.keySet());
            await().atMost(Duration.ofSeconds(90)).until(() -> versions.history(doc).versions().equals(requested));
            assertTrue(listedBeforeKills.size() >= 3, "versions were listed before the kills: " + listedBeforeKills);
            assertTrue(requested.containsAll(listedBeforeKills), "no listed version lost (seed " + seed + ")");
            for (long version : requested) {
                assertEquals(textAtRequest.get(version), versions.text(doc, version), "version " + version);
            }
            List<VersionName> objects = cluster.objects(doc).versions();
            assertEquals(requested.size(), objects.size(), "one object per version once compaction settled: " + objects);
        }
    }
}
