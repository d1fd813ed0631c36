package dev.skein.storage.history;

import dev.skein.storage.layout.VersionName;

/**
 * One version object as read from storage.
 *
 * @param name its name
 * @param size its size in bytes
 * @param record what it holds
 */
public record StoredVersion(VersionName name, long size, VersionRecord record) {

    /** The version: the offset it was taken at. */
    public long version() {
        return name.offset();
    }
}
