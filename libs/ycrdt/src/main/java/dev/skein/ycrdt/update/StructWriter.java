package dev.skein.ycrdt.update;

import dev.skein.ycrdt.lib0.ByteWriter;
import dev.skein.ycrdt.struct.Struct;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes structs one at a time without knowing beforehand how many each client has (Yjs's
 * {@code LazyStructWriter}): the rest stream is cut into one fragment per run of a client, and
 * {@link #finish()} writes the client count and each fragment behind its struct count.
 */
public final class StructWriter {

    private record Fragment(long written, byte[] bytes) {
    }

    private final UpdateEncoder encoder;
    private final List<Fragment> fragments = new ArrayList<>();
    private long currClient;
    private long written;

    public StructWriter(UpdateEncoder encoder) {
        this.encoder = encoder;
    }

    /** Writes {@code s} from {@code offset} on. */
    public void write(Struct s, long offset) {
        if (written > 0 && currClient != s.client()) {
            flush();
        }
        if (written == 0) {
            currClient = s.client();
            encoder.writeClient(s.client());
            encoder.rest().writeVarUint(s.clock() + offset);
        }
        s.write(encoder, offset);
        written++;
    }

    private void flush() {
        if (written > 0) {
            fragments.add(new Fragment(written, encoder.rest().toByteArray()));
            encoder.rest(new ByteWriter(256));
            written = 0;
        }
    }

    /** Completes the struct section; the encoder's rest is then ready for the delete set. */
    public void finish() {
        flush();
        ByteWriter rest = encoder.rest();
        rest.writeVarUint(fragments.size());
        for (Fragment f : fragments) {
            rest.writeVarUint(f.written);
            rest.writeBytes(f.bytes);
        }
        fragments.clear();
    }
}
