package dev.skein.storage.history;

import dev.skein.storage.format.CorruptObjectException;
import dev.skein.storage.layout.ChangesName;
import dev.skein.storage.layout.DocumentObjects;
import dev.skein.storage.layout.VersionName;
import dev.skein.storage.read.DocumentReader;
import dev.skein.storage.read.LoadedDocument;
import dev.skein.storage.read.ObjectVanishedException;
import dev.skein.ycrdt.id.DeleteSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads documents' history from storage: their version objects (kept in a bounded cache, since
 * objects never change under a name) and the stored content with deleted content kept, from
 * which past states are rebuilt. Thread-safe.
 */
public final class HistoryReader {

    private final DocumentReader reader;
    private final Map<String, StoredVersion> cache;

    /** A reader keeping up to {@code cachedVersions} decoded version objects. */
    public HistoryReader(DocumentReader reader, int cachedVersions) {
        this.reader = reader;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StoredVersion> eldest) {
                return size() > cachedVersions;
            }
        };
    }

    /**
     * A document's versions as stored now. A damaged version object is left out (its changes are
     * then missing from later versions' delete sets: deleted text of that stretch shows again).
     *
     * @throws IllegalStateException if objects kept vanishing for {@value DocumentReader#MAX_ATTEMPTS} listings
     * @throws dev.skein.storage.s3.StorageException if storage fails
     */
    public DocumentHistory history(String docId) {
        ObjectVanishedException last = null;
        for (int attempt = 0; attempt < DocumentReader.MAX_ATTEMPTS; attempt++) {
            try {
                return history(reader.objects(docId));
            } catch (ObjectVanishedException e) {
                // retention folded versions between the listing and the reads
                last = e;
            }
        }
        throw new IllegalStateException("history of " + docId + " kept changing while it was read", last);
    }

    /**
     * The versions of a listing.
     *
     * @throws ObjectVanishedException if a listed version object is gone
     */
    public DocumentHistory history(DocumentObjects objects) {
        List<StoredVersion> versions = new ArrayList<>();
        for (VersionName name : objects.versions()) {
            try {
                versions.add(version(name, objects.sizeOf(name)));
            } catch (CorruptObjectException e) {
                // left out, see history(String)
            }
        }
        return new DocumentHistory(versions);
    }

    /**
     * One version object.
     *
     * @throws ObjectVanishedException if it is gone
     * @throws dev.skein.storage.format.StorageFormatException if it cannot be decoded
     */
    public StoredVersion version(VersionName name, long size) {
        synchronized (cache) {
            StoredVersion cached = cache.get(name.key());
            if (cached != null) {
                return cached;
            }
        }
        StoredVersion read = new StoredVersion(name, size, HistoryCodec.decodeVersion(reader.readPayload(name)));
        synchronized (cache) {
            cache.put(name.key(), read);
        }
        return read;
    }

    /**
     * One changes object.
     *
     * @throws ObjectVanishedException if it is gone
     * @throws dev.skein.storage.format.StorageFormatException if it cannot be decoded
     */
    public ChangeSet changes(ChangesName name) {
        return HistoryCodec.decodeChanges(reader.readPayload(name));
    }

    /**
     * The document's stored content with every deleted content storage still holds (what past
     * states are rebuilt from); empty when nothing is stored.
     */
    public Optional<LoadedDocument> content(String docId) {
        return reader.load(docId, new DeleteSet());
    }
}
