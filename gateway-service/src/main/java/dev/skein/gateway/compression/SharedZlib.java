package dev.skein.gateway.compression;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One deflater and one inflater per event-loop thread, shared by every connection that thread
 * serves (as uWebSockets' shared compressor does). Messages are compressed and decompressed
 * without context takeover, so each starts from a reset stream and nothing about a connection
 * outlives its message: an idle connection holds no zlib state at all, where a context per
 * connection would keep some 300 KiB of native memory for a compressor and 40 KiB for a
 * decompressor.
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

    SharedZlib(int level) {
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

    /** This thread's deflater, reset: a message compressed with it refers to nothing before it. */
    Deflater deflater() {
        Deflater deflater = deflaters.get();
        deflater.reset();
        return deflater;
    }

    /** This thread's inflater, reset. */
    static Inflater inflater() {
        Inflater inflater = INFLATERS.get();
        inflater.reset();
        return inflater;
    }
}
