package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.struct.Content;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.Collections;
import java.util.List;

/** An embed in text: a JSON-like value taking one position. */
public final class ContentEmbed implements ItemContent {
    private final Object embed;

    /** New content. */
    public ContentEmbed(Object embed) {
        this.embed = embed;
    }

    /** The embedded value. */
    public Object embed() {
        return embed;
    }

    @Override
    public long length() {
        return 1;
    }

    @Override
    public List<Object> getContent() {
        return Collections.singletonList(embed);
    }

    @Override
    public boolean isCountable() {
        return true;
    }

    @Override
    public ItemContent copy() {
        return new ContentEmbed(embed);
    }

    @Override
    public ItemContent splice(long offset) {
        throw new UnsupportedOperationException("embed content has length 1");
    }

    @Override
    public boolean mergeWith(ItemContent right) {
        return false;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        encoder.writeJson(embed);
    }

    @Override
    public int ref() {
        return Content.REF_EMBED;
    }
}
