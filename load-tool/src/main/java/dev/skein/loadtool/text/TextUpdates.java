package dev.skein.loadtool.text;

import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.id.Id;
import dev.skein.ycrdt.struct.ContentString;
import dev.skein.ycrdt.struct.Item;
import dev.skein.ycrdt.update.StructWriter;
import dev.skein.ycrdt.update.UpdateEncoder;
import dev.skein.ycrdt.update.UpdateFormat;

/**
 * Builds Yjs v1 updates for text edits without a document: what {@code Y.Text.insert} and
 * {@code delete} would emit, given the ids the edit sits between.
 */
public final class TextUpdates {

    /** The v1 update that changes nothing: no structs, empty delete set. */
    public static final byte[] EMPTY_UPDATE = {0, 0};

    private TextUpdates() {
    }

    /**
     * The insertion of {@code text} by {@code client} at {@code clock}.
     *
     * @param origin the id of the character left of the insertion, or null at the start
     * @param rightOrigin the id of the item right of it (deleted or not), or null at the end
     * @param root the root type's name; written only when both origins are null, as Yjs does
     */
    public static byte[] insert(long client, long clock, Id origin, Id rightOrigin, String root, String text) {
        UpdateEncoder encoder = UpdateFormat.V1.newEncoder();
        StructWriter writer = new StructWriter(encoder);
        writer.write(new Item(client, clock, origin, rightOrigin, root, null, new ContentString(text)), 0);
        writer.finish();
        new DeleteSet().write(encoder);
        return encoder.toByteArray();
    }

    /** The deletion of {@code length} elements of {@code client} from {@code clock} on. */
    public static byte[] delete(long client, long clock, long length) {
        UpdateEncoder encoder = UpdateFormat.V1.newEncoder();
        new StructWriter(encoder).finish();
        DeleteSet deleted = new DeleteSet();
        deleted.add(client, clock, length);
        deleted.write(encoder);
        return encoder.toByteArray();
    }
}
