package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.List;

/**
 * The content of a document {@link Item} (Yjs's {@code AbstractContent}): one implementation per
 * content ref. The update-level records of {@code dev.skein.ycrdt.struct} are immutable values;
 * these are the document's live, mutable counterparts (joined and split in place, holding the
 * nested type or subdocument they stand for), written through the same {@link UpdateEncoder}.
 */
public sealed interface ItemContent permits ContentDeleted, ContentJSON, ContentBinary, ContentString,
        ContentEmbed, ContentFormat, ContentType, ContentAny, ContentDoc {

    /** Number of ids the content occupies. */
    long length();

    /** The values the content holds, one per id (empty for deleted content and formats). */
    List<Object> getContent();

    /** Whether the content counts in a type's length and index (formats and deleted content do not). */
    boolean isCountable();

    /** A copy for a new item (nested types are copied empty, as Yjs does). */
    ItemContent copy();

    /** Keeps the first {@code offset} elements and returns the rest. */
    ItemContent splice(long offset);

    /** Appends {@code right} (of the same class) in place; false when this kind never joins. */
    boolean mergeWith(ItemContent right);

    /** Called when the item holding this content is integrated. */
    default void integrate(Transaction transaction, Item item) {
    }

    /** Called when the item holding this content is deleted. */
    default void delete(Transaction transaction) {
    }

    /** Called when the item holding this content is garbage-collected. */
    default void gc(StructStore store) {
    }

    /** Writes the content from {@code offset} on. */
    void write(UpdateEncoder encoder, long offset);

    /** The content ref written in the low 5 bits of the info byte. */
    int ref();
}
