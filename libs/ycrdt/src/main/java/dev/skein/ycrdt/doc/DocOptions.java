package dev.skein.ycrdt.doc;

import java.util.function.Predicate;

/**
 * Options of a {@link Doc} (Yjs's {@code DocOpts}), with withers:
 * {@code DocOptions.defaults().withClientId(42).withGc(false)}.
 *
 * @param clientId     this replica's client id (unsigned 32-bit); null = random
 * @param guid         the document's globally unique id; null = a random UUID
 * @param collectionId an optional collection the document belongs to
 * @param gc           whether deleted content is garbage-collected after each transaction
 * @param gcFilter     called before an item is collected; false keeps it
 * @param meta         any meta information (kept with a subdocument)
 * @param autoLoad     a subdocument that peers load automatically
 * @param shouldLoad   whether the document is to be loaded now
 */
public record DocOptions(Long clientId, String guid, String collectionId, boolean gc, Predicate<Item> gcFilter,
                         Object meta, boolean autoLoad, boolean shouldLoad) {

    /** Yjs's defaults: random client id and guid, gc on, no meta, autoLoad off, shouldLoad on. */
    public static DocOptions defaults() {
        return new DocOptions(null, null, null, true, null, null, false, true);
    }

    /** With a fixed client id (must fit in 32 bits unsigned). */
    public DocOptions withClientId(long id) {
        if (id < 0 || id > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("client id must be an unsigned 32-bit integer: " + id);
        }
        return new DocOptions(id, guid, collectionId, gc, gcFilter, meta, autoLoad, shouldLoad);
    }

    /** With a guid. */
    public DocOptions withGuid(String g) {
        return new DocOptions(clientId, g, collectionId, gc, gcFilter, meta, autoLoad, shouldLoad);
    }

    /** With a collection id. */
    public DocOptions withCollectionId(String c) {
        return new DocOptions(clientId, guid, c, gc, gcFilter, meta, autoLoad, shouldLoad);
    }

    /** With garbage collection on or off. */
    public DocOptions withGc(boolean on) {
        return new DocOptions(clientId, guid, collectionId, on, gcFilter, meta, autoLoad, shouldLoad);
    }

    /** With a filter deciding which deleted items may be collected. */
    public DocOptions withGcFilter(Predicate<Item> f) {
        return new DocOptions(clientId, guid, collectionId, gc, f, meta, autoLoad, shouldLoad);
    }

    /** With meta information. */
    public DocOptions withMeta(Object m) {
        return new DocOptions(clientId, guid, collectionId, gc, gcFilter, m, autoLoad, shouldLoad);
    }

    /** With autoLoad. */
    public DocOptions withAutoLoad(boolean a) {
        return new DocOptions(clientId, guid, collectionId, gc, gcFilter, meta, a, shouldLoad);
    }

    /** With shouldLoad. */
    public DocOptions withShouldLoad(boolean s) {
        return new DocOptions(clientId, guid, collectionId, gc, gcFilter, meta, autoLoad, s);
    }
}
