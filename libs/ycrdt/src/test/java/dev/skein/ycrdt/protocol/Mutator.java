package dev.skein.ycrdt.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutations of well-formed inputs: truncations, bit flips, byte edits, spliced hostile
 * var-uints (huge lengths and counts, over-long and over-2^53 encodings) and plain random bytes.
 */
final class Mutator {

    /** Var-uints a hostile peer would send: 2^32-1, about 2^52, 2^53 (too big), 10 bytes long, 0 padded. */
    private static final byte[][] HOSTILE_VARUINTS = {
        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F},
        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F},
        {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x10},
        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, 0x01},
        {(byte) 0x81, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00},
    };

    private final SplittableRandom random;
    private final List<byte[]> corpus;

    Mutator(long seed, List<byte[]> corpus) {
        this.random = new SplittableRandom(seed);
        this.corpus = List.copyOf(corpus);
    }

    byte[] next() {
        byte[] base = corpus.get(random.nextInt(corpus.size()));
        int kind = random.nextInt(8);
        if (kind == 7) {
            // stacked mutations reach states no single edit does
            byte[] b = base;
            for (int n = 2 + random.nextInt(3); n > 0; n--) {
                b = mutate(b, random.nextInt(6));
            }
            return b;
        }
        return kind == 6 ? randomBytes(random.nextInt(33)) : mutate(base, kind);
    }

    private byte[] mutate(byte[] b, int kind) {
        switch (kind) {
            case 0:
                return Arrays.copyOf(b, b.length == 0 ? 0 : random.nextInt(b.length));
            case 1: {
                byte[] out = b.clone();
                for (int n = 1 + random.nextInt(4); n > 0 && out.length > 0; n--) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return out;
            }
            case 2: {
                byte[] out = b.clone();
                if (out.length > 0) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
                return out;
            }
            case 3:
                return splice(b, random.nextInt(b.length + 1), 0, new byte[] {(byte) random.nextInt(256)});
            case 4: {
                if (b.length == 0) {
                    return b;
                }
                int at = random.nextInt(b.length);
                return splice(b, at, 1 + random.nextInt(Math.min(4, b.length - at)), new byte[0]);
            }
            default: {
                int at = random.nextInt(b.length + 1);
                int drop = random.nextInt(Math.min(2, b.length - at) + 1);
                return splice(b, at, drop, HOSTILE_VARUINTS[random.nextInt(HOSTILE_VARUINTS.length)]);
            }
        }
    }

    private byte[] randomBytes(int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }

    private static byte[] splice(byte[] b, int at, int drop, byte[] insert) {
        byte[] out = new byte[b.length - drop + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + drop, out, at + insert.length, b.length - at - drop);
        return out;
    }
}
