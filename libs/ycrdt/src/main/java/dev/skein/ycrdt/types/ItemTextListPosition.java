package dev.skein.ycrdt.types;

import dev.skein.ycrdt.doc.ContentFormat;
import dev.skein.ycrdt.doc.Item;
import java.util.Map;

/** A position in text between two items, with the attributes in effect there. */
final class ItemTextListPosition {
    Item left;
    Item right;
    long index;
    final Map<String, Object> currentAttributes;

    ItemTextListPosition(Item left, Item right, long index, Map<String, Object> currentAttributes) {
        this.left = left;
        this.right = right;
        this.index = index;
        this.currentAttributes = currentAttributes;
    }

    /** Steps over {@code right}; only call when it exists. */
    void forward() {
        if (right == null) {
            throw new IllegalStateException("unexpected end of text");
        }
        if (right.content() instanceof ContentFormat f) {
            if (!right.isDeleted()) {
                updateCurrentAttributes(currentAttributes, f);
            }
        } else if (!right.isDeleted()) {
            index += right.length();
        }
        left = right;
        right = right.right();
    }

    static void updateCurrentAttributes(Map<String, Object> currentAttributes, ContentFormat format) {
        if (format.value() == null) {
            currentAttributes.remove(format.key());
        } else {
            currentAttributes.put(format.key(), format.value());
        }
    }
}
