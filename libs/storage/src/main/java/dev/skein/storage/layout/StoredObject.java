package dev.skein.storage.layout;

/**
 * One listed object of a document.
 *
 * @param name its parsed name
 * @param size its size in bytes
 */
public record StoredObject(StoredName name, long size) {
}
