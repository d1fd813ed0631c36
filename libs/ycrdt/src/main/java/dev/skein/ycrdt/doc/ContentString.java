package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.struct.Content;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Text. Its length counts UTF-16 code units, as JavaScript strings do (and Java's). Held in a
 * {@link StringBuilder} because typing appends to the same item after every keystroke: an immutable
 * string would copy the whole run each time.
 */
public final class ContentString implements ItemContent {
    private StringBuilder str;

    /** New content. */
    public ContentString(String s) {
        this.str = new StringBuilder(s.length()).append(s);
    }

    private ContentString(StringBuilder sb) {
        this.str = sb;
    }

    /** The text (a copy). */
    public String str() {
        return str.toString();
    }

    /** Appends the text to {@code out} without copying it first. */
    public void appendTo(StringBuilder out) {
        out.append(str);
    }

    /** The text as a char sequence; valid until the content changes. */
    public CharSequence chars() {
        return str;
    }

    @Override
    public long length() {
        return str.length();
    }

    @Override
    public List<Object> getContent() {
        List<Object> chars = new ArrayList<>(str.length());
        for (int i = 0; i < str.length(); i++) {
            chars.add(String.valueOf(str.charAt(i)));
        }
        return chars;
    }

    @Override
    public boolean isCountable() {
        return true;
    }

    @Override
    public ItemContent copy() {
        return new ContentString(str.toString());
    }

    @Override
    public ItemContent splice(long offset) {
        int o = (int) offset;
        StringBuilder right = new StringBuilder(str.length() - o + 16).append(str, o, str.length());
        str.setLength(o);
        // Yjs never leaves half a surrogate pair on either side: both halves become U+FFFD
        if (o > 0 && Character.isHighSurrogate(str.charAt(o - 1))) {
            str.setCharAt(o - 1, '\uFFFD');
            right.setCharAt(0, '\uFFFD');
        }
        if (str.capacity() > 2 * o + 64) {
            str.trimToSize();
        }
        return new ContentString(right);
    }

    @Override
    public boolean mergeWith(ItemContent right) {
        str.append(((ContentString) right).str);
        return true;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        // Yjs slices without the surrogate repair when writing from an offset
        encoder.writeString(offset == 0 ? str.toString() : str.substring((int) offset));
    }

    @Override
    public int ref() {
        return Content.REF_STRING;
    }

    @Override
    public String toString() {
        return "String(" + str + ")";
    }
}
