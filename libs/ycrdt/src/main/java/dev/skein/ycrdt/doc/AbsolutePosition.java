package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.types.AbstractType;

/**
 * An index in a type, resolved from a {@link RelativePosition}.
 *
 * @param type  the type
 * @param index the index
 * @param assoc the association of the relative position (&lt; 0: to the left)
 */
public record AbsolutePosition(AbstractType<?> type, long index, long assoc) {
}
