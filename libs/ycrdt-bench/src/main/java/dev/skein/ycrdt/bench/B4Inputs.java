package dev.skein.ycrdt.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The B4 editing trace as Yjs updates, produced by yjs itself ({@code run-bench.sh} generates them):
 * every per-keystroke update and the document's full state.
 */
final class B4Inputs {

    final List<byte[]> updates;
    final byte[] state;

    private B4Inputs(List<byte[]> updates, byte[] state) {
        this.updates = updates;
        this.state = state;
    }

    static B4Inputs load() throws IOException {
        Path dir = Path.of(System.getProperty("skein.b4.dir", "target/b4"));
        Path lpb = dir.resolve("updates.lpb.gz");
        Path state = dir.resolve("state.bin");
        if (!Files.exists(lpb) || !Files.exists(state)) {
            throw new IOException("B4 inputs missing in " + dir.toAbsolutePath()
                    + ": run libs/ycrdt-bench/run-bench.sh, which generates them with yjs");
        }
        return new B4Inputs(readRecords(lpb), Files.readAllBytes(state));
    }

    private static List<byte[]> readRecords(Path p) throws IOException {
        List<byte[]> out = new ArrayList<>(300_000);
        try (InputStream raw = Files.newInputStream(p);
             DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16))) {
            while (true) {
                int len;
                try {
                    len = in.readInt();
                } catch (EOFException end) {
                    return out;
                }
                byte[] b = new byte[len];
                in.readFully(b);
                out.add(b);
            }
        }
    }
}
