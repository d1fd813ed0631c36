package dev.skein.ycrdt.struct;

import dev.skein.ycrdt.update.UpdateEncoder;

/** Text; its length counts UTF-16 code units, as JavaScript strings do. */
public final class ContentString implements Content {
    private String str;

    public ContentString(String str) {
        this.str = str;
    }

    public String str() {
        return str;
    }

    @Override
    public int ref() {
        return REF_STRING;
    }

    @Override
    public long length() {
        return str.length();
    }

    @Override
    public Content splitAt(long offset) {
        int o = (int) offset;
        String left = str.substring(0, o);
        String right = str.substring(o);
        // Yjs never leaves half a surrogate pair on either side: both halves become U+FFFD
        if (Character.isHighSurrogate(left.charAt(o - 1))) {
            left = left.substring(0, o - 1) + '\uFFFD';
            right = '\uFFFD' + right.substring(1);
        }
        str = left;
        return new ContentString(right);
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        // Yjs slices without the surrogate repair when writing from an offset
        encoder.writeString(offset == 0 ? str : str.substring((int) offset));
    }

    @Override
    public boolean joinable() {
        return true;
    }

    @Override
    public Content join(java.util.List<Content> following) {
        int len = str.length();
        for (Content c : following) {
            len += ((ContentString) c).str.length();
        }
        StringBuilder sb = new StringBuilder(len).append(str);
        for (Content c : following) {
            sb.append(((ContentString) c).str);
        }
        return new ContentString(sb.toString());
    }

    @Override
    public String toString() {
        return "String(" + str + ")";
    }
}
