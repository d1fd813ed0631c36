package dev.skein.ycrdt.update;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.YDecodingException.Reason;
import dev.skein.ycrdt.id.Id;
import dev.skein.ycrdt.lib0.ByteReader;
import dev.skein.ycrdt.struct.Content;
import dev.skein.ycrdt.struct.Gc;
import dev.skein.ycrdt.struct.Item;
import dev.skein.ycrdt.struct.Skip;
import dev.skein.ycrdt.struct.Struct;

/**
 * Reads the structs of an update one at a time (Yjs's {@code LazyStructReader}). After the last
 * struct, {@link #current()} is null and the decoder stands at the delete set.
 */
public final class StructReader {

    private final UpdateDecoder decoder;
    private final ByteReader rest;
    private final boolean filterSkips;
    private final long maxStructs;
    private long structsRead;
    private long clientsLeft;
    private long structsLeft;
    private long client;
    private long clock;
    private Struct curr;
    /** Tie-breaker used by the merge's ordering; see {@link UpdateMerger}. */
    long seq;
    private final SectionListener sectionListener;

    /**
     * Told about each client section of the update as the reader enters it, empty ones included
     * (a document reading an update groups structs per section, as Yjs does).
     */
    @FunctionalInterface
    public interface SectionListener {
        /** A section of {@code count} structs of {@code client} starting at {@code clock}. */
        void onSection(long client, long clock, long count);
    }

    /**
     * @param filterSkips whether {@link Skip}s are passed over (the merge wants them gone)
     * @param inputLength size of the update in bytes; bounds how many structs it may describe, so
     *                    that run-length columns cannot make a small input loop for ages
     */
    public StructReader(UpdateDecoder decoder, boolean filterSkips, int inputLength) {
        this(decoder, filterSkips, inputLength, null);
    }

    /** As above, telling {@code sections} about each client section. */
    public StructReader(UpdateDecoder decoder, boolean filterSkips, int inputLength, SectionListener sections) {
        this.decoder = decoder;
        this.rest = decoder.rest();
        this.filterSkips = filterSkips;
        this.maxStructs = Math.max(1L << 16, 64L * inputLength);
        this.sectionListener = sections;
        this.clientsLeft = rest.readVarUint();
        next();
    }

    public UpdateDecoder decoder() {
        return decoder;
    }

    /** The struct at the reader's position, or null after the last one. */
    public Struct current() {
        return curr;
    }

    /** Moves to the next struct and returns it (null at the end). */
    public Struct next() {
        do {
            curr = readOne();
        } while (filterSkips && curr instanceof Skip);
        return curr;
    }

    private Struct readOne() {
        while (structsLeft == 0) {
            if (clientsLeft == 0) {
                return null;
            }
            clientsLeft--;
            structsLeft = rest.readVarUint();
            client = decoder.readClient();
            clock = rest.readVarUint();
            if (clientsLeft > maxStructs || structsLeft > maxStructs) {
                throw tooMany();
            }
            if (sectionListener != null) {
                sectionListener.onSection(client, clock, structsLeft);
            }
        }
        structsLeft--;
        if (++structsRead > maxStructs) {
            throw tooMany();
        }
        int info = decoder.readInfo();
        Struct s;
        if (info == Struct.REF_SKIP) {
            s = new Skip(client, clock, rest.readVarUint());
        } else if ((info & Item.CONTENT_REF_MASK) != 0) {
            s = readItem(info);
        } else {
            s = new Gc(client, clock, decoder.readLen());
        }
        if (s.length() <= 0) {
            throw new YDecodingException(Reason.UNEXPECTED_VALUE, rest.position(), "struct of length 0");
        }
        clock += s.length();
        if (clock > ByteReader.MAX_SAFE_INTEGER) {
            throw new YDecodingException(Reason.UNEXPECTED_VALUE, rest.position(), "clock above 2^53");
        }
        return s;
    }

    private Item readItem(int info) {
        boolean cantCopyParentInfo = (info & (Item.HAS_ORIGIN | Item.HAS_RIGHT_ORIGIN)) == 0;
        Id origin = null;
        if ((info & Item.HAS_ORIGIN) != 0) {
            long c = decoder.readLeftClient();
            origin = new Id(c, decoder.readLeftClock());
        }
        Id rightOrigin = null;
        if ((info & Item.HAS_RIGHT_ORIGIN) != 0) {
            long c = decoder.readRightClient();
            rightOrigin = new Id(c, decoder.readRightClock());
        }
        Object parent = null;
        String parentSub = null;
        if (cantCopyParentInfo) {
            if (decoder.readParentInfo()) {
                parent = decoder.readString();
            } else {
                long c = decoder.readLeftClient();
                parent = new Id(c, decoder.readLeftClock());
            }
            if ((info & Item.HAS_PARENT_SUB) != 0) {
                parentSub = decoder.readString();
            }
        }
        Content content = Content.read(decoder, info & Item.CONTENT_REF_MASK);
        return new Item(client, clock, origin, rightOrigin, parent, parentSub, content);
    }

    private YDecodingException tooMany() {
        return new YDecodingException(Reason.UNEXPECTED_VALUE, rest.position(),
                "update describes more structs than its size allows");
    }
}
