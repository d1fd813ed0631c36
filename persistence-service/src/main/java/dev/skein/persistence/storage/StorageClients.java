package dev.skein.persistence.storage;

import dev.skein.persistence.config.HistoryConfig;
import dev.skein.storage.history.HistoryReader;
import dev.skein.storage.history.PastVersions;
import dev.skein.storage.read.DocumentReader;
import dev.skein.storage.s3.ObjectStore;
import dev.skein.storage.s3.S3ObjectStore;
import dev.skein.storage.s3.StorageSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** The object store, the document and history readers and the answers about versions, from {@code skein.storage.*} (keys in {@link StorageSettings}). */
@ApplicationScoped
public class StorageClients {

    private final StorageSettings settings;

    StorageClients(Config config) {
        // persistence-service exists to write storage: without an endpoint it cannot start
        this.settings = StorageSettings.from(key -> config.getOptionalValue(key, String.class))
            .orElseThrow(() -> new IllegalStateException(StorageSettings.ENDPOINT_KEY
                + " is not set: persistence-service needs object storage"));
    }

    /** The configured settings. */
    public StorageSettings settings() {
        return settings;
    }

    @Produces
    @Singleton
    ObjectStore objectStore() {
        return new S3ObjectStore(settings);
    }

    @Produces
    @Singleton
    DocumentReader documentReader(ObjectStore store) {
        return new DocumentReader(store);
    }

    @Produces
    @Singleton
    HistoryReader historyReader(DocumentReader reader, HistoryConfig history) {
        return new HistoryReader(reader, history.cachedVersions());
    }

    @Produces
    @Singleton
    PastVersions pastVersions(HistoryReader history) {
        return new PastVersions(history);
    }
}
