package dev.skein.ycrdt.struct;

import dev.skein.ycrdt.update.UpdateEncoder;

/** Deleted content: only its length remains. */
public final class ContentDeleted implements Content {
    private long len;

    public ContentDeleted(long len) {
        this.len = len;
    }

    @Override
    public int ref() {
        return REF_DELETED;
    }

    @Override
    public long length() {
        return len;
    }

    @Override
    public Content splitAt(long offset) {
        ContentDeleted right = new ContentDeleted(len - offset);
        len = offset;
        return right;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        encoder.writeLen(len - offset);
    }

    @Override
    public boolean joinable() {
        return true;
    }

    @Override
    public Content join(java.util.List<Content> following) {
        long total = len;
        for (Content c : following) {
            total += c.length();
        }
        return new ContentDeleted(total);
    }

    @Override
    public String toString() {
        return "Deleted(" + len + ")";
    }
}
