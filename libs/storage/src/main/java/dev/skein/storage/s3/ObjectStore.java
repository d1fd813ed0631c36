package dev.skein.storage.s3;

import java.util.List;
import java.util.Optional;

/** The few object-storage operations Skein needs. Implementations are thread-safe. */
public interface ObjectStore {

    /** Creates the bucket if it does not exist. */
    void ensureBucket();

    /** Writes an object; when this returns, the object is durably stored. */
    void put(String key, byte[] content);

    /** Reads an object; empty if there is none under {@code key}. */
    Optional<byte[]> get(String key);

    /** Every object whose key starts with {@code prefix}, with its size; none if the bucket does not exist. */
    List<ListedObject> list(String prefix);

    /** Deletes an object; deleting a missing object is not an error. */
    void delete(String key);

    /**
     * A listed object.
     *
     * @param key its key
     * @param size its size in bytes
     */
    record ListedObject(String key, long size) {
    }
}
