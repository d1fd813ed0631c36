package dev.skein.doc.state;

import dev.skein.messaging.TopicsConfig;
import dev.skein.messaging.KafkaClients;
import dev.skein.doc.kafka.LogRangeReader;
import dev.skein.doc.config.DocConfig;
import dev.skein.doc.history.StoredHistory;
import dev.skein.doc.metrics.DocMetrics;
import dev.skein.storage.history.HistoryReader;
import dev.skein.storage.history.PastVersions;
import dev.skein.storage.read.DocumentReader;
import dev.skein.storage.s3.S3ObjectStore;
import dev.skein.storage.s3.StorageSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Chooses where documents come from: storage when {@code skein.storage.endpoint} is set
 * ({@link StorageLoader}), else the log alone ({@link LogReplayLoader}); and version history
 * ({@link StoredHistory}), read from the same storage, only when it is configured.
 */
@ApplicationScoped
public class LoaderSelection {

    private static final Logger LOG = Logger.getLogger(LoaderSelection.class);

    private Optional<DocumentReader> storage;

    @Produces
    @Singleton
    DocumentStateLoader loader(Config config, Admin admin, KafkaClients kafka, TopicsConfig topics, DocMetrics metrics) {
        Optional<StorageSettings> settings = StorageSettings.from(key -> config.getOptionalValue(key, String.class));
        if (settings.isEmpty()) {
            LOG.info("no storage configured (" + StorageSettings.ENDPOINT_KEY + "): documents are rebuilt from the whole log");
            return new LogReplayLoader();
        }
        String group = config.getOptionalValue(StorageSettings.PERSISTENCE_GROUP_KEY, String.class)
            .orElse(StorageSettings.PERSISTENCE_GROUP_DEFAULT);
        LOG.infof("documents load from %s, the log is replayed from the offsets of group %s", settings.get(), group);
        DamageRecovery recovery = new DamageRecovery(new LogRangeReader(kafka.bootstrapServers(), Duration.ofSeconds(10)),
            topics.updates(), metrics);
        return new StorageLoader(storage(config).orElseThrow(), new PersistedOffsets(admin, group), recovery);
    }

    @Produces
    @Singleton
    StoredHistory history(Config config, DocConfig doc) {
        return new StoredHistory(storage(config).map(reader -> new PastVersions(
            new HistoryReader(reader, doc.history().cachedVersions()))));
    }

    /** One reader of storage for documents and their history; empty when no storage is configured. */
    private synchronized Optional<DocumentReader> storage(Config config) {
        if (storage == null) {
            storage = StorageSettings.from(key -> config.getOptionalValue(key, String.class))
                .map(settings -> new DocumentReader(new S3ObjectStore(settings)));
        }
        return storage;
    }
}
