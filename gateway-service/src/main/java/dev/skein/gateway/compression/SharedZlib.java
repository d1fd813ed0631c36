package dev.skein.gateway.compression;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One deflater and one inflater per event-loop thread, shared by every connection that thread
 * serves (as uWebSockets' shared compressor does). Messages are compressed and decompressed
 * without context takeover, so each starts from a reset stream and nothing about a connection
 * outlives its message: an idle connection holds no zlib state at all, where a context per
 * connection would keep some 300 KiB of native memory for a compressor and 40 KiB for a
 * decompressor. For the same reason a message's compressed form fits every connection: each thread
 * keeps the forms it produced last ({@link RecentDeflates}) and compresses an identical message once.
 */
final class SharedZlib {

    private static final FastThreadLocal<Inflater> INFLATERS = new FastThreadLocal<>() {
        @Override
        protected Inflater initialValue() {
            return new Inflater(true);
        }

        @Override
        protected void onRemoval(Inflater inflater) {
            inflater.end();
        }
    };

    private final FastThreadLocal<Deflater> deflaters;
    private final FastThreadLocal<RecentDeflates> recent;
    private final Runnable onReuse;

    /**
     * @param recentBytes bytes of recent messages and their compressed forms each thread keeps (0: none)
     * @param onReuse runs each time a kept compressed form is sent again
     */
    SharedZlib(int level, long recentBytes, Runnable onReuse) {
        this.onReuse = onReuse;
        this.recent = new FastThreadLocal<>() {
            @Override
            protected RecentDeflates initialValue() {
                return new RecentDeflates(recentBytes);
            }
        };
        this.deflaters = new FastThreadLocal<>() {
            @Override
            protected Deflater initialValue() {
                return new Deflater(level, true);
            }

            @Override
            protected void onRemoval(Deflater deflater) {
                deflater.end();
            }
        };
    }

    /**
     * One message deflated on its own (RFC 7692: without the final empty block's 00 00 FF FF), or
     * null when that would not make it smaller. The result may be shared: it must not be changed.
     */
    byte[] deflate(byte[] message) {
        RecentDeflates kept = recent.get();
        long now = System.nanoTime();
        byte[] compressed = kept.find(message, now);
        if (compressed != null) {
            onReuse.run();
            return compressed;
        }
        compressed = deflateAlone(message);
        if (compressed != null) {
            kept.remember(message, compressed, now);
        }
        return compressed;
    }

    private byte[] deflateAlone(byte[] message) {
        Deflater deflater = deflaters.get();
        deflater.reset();
        deflater.setInput(message);
        byte[] out = new byte[message.length / 2 + 64];
        int length = 0;
        while (true) {
            length += deflater.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
            if (length < out.length) {
                break; // a sync flush that did not fill the buffer has written everything
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        if (length >= 4 && out[length - 4] == 0 && out[length - 3] == 0
                && out[length - 2] == (byte) 0xFF && out[length - 1] == (byte) 0xFF) {
            length -= 4;
        }
        return length >= message.length ? null : Arrays.copyOf(out, length);
    }

    /** This thread's inflater, reset. */
    static Inflater inflater() {
        Inflater inflater = INFLATERS.get();
        inflater.reset();
        return inflater;
    }
}
