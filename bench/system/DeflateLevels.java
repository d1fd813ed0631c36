import dev.skein.loadtool.trace.EditTrace;
import dev.skein.loadtool.trace.TraceReplay;
import dev.skein.ycrdt.update.Compaction;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * What each zlib level costs the gateway for the largest message it compresses: the sync answer of
 * the B4 document (the bigdoc scenario's compacted update, 276,982 bytes), deflated as the
 * gateway's {@code SelectiveDeflateEncoder} does it (raw deflate, one shared deflater per event
 * loop, a sync flush per message). Prints per level the bytes on the wire and the median time of
 * one message over 200 rounds after 100 unmeasured ones. Run from the repository root after a build:
 *
 * <pre>
 * java -cp "load-tool/target/classes:$(cat load-tool/target/runtime-classpath.txt)" \
 *     bench/system/DeflateLevels.java [testdata/traces/automerge-paper.json.gz]
 * </pre>
 */
public class DeflateLevels {

    private static final int WARMUP_ROUNDS = 100;
    private static final int ROUNDS = 200;
    /** A client id of the size the load tool draws (random, 32 bits): it is written once per struct. */
    private static final long CLIENT_ID = 3_141_592_653L;

    public static void main(String[] args) throws Exception {
        Path trace = Path.of(args.length > 0 ? args[0] : "testdata/traces/automerge-paper.json.gz");
        byte[] update = Compaction.mergeAndCompact(TraceReplay.of(EditTrace.read(trace), CLIENT_ID, "text").updates());
        System.out.printf("sync answer of %s: %,d bytes%n", trace.getFileName(), update.length);
        System.out.println("| level | bytes on the wire | ms per message (median) |");
        System.out.println("|---:|---:|---:|");
        for (int level = 1; level <= 9; level++) {
            Deflater deflater = new Deflater(level, true);
            byte[] out = new byte[update.length + 1024];
            long[] nanos = new long[ROUNDS];
            int length = 0;
            for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
                long start = System.nanoTime();
                deflater.setInput(update);
                length = 0;
                int written;
                do {
                    written = deflater.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
                    length += written;
                } while (written > 0 && length < out.length);
                if (round >= WARMUP_ROUNDS) {
                    nanos[round - WARMUP_ROUNDS] = System.nanoTime() - start;
                }
                // the gateway's deflater keeps no context between messages (server_no_context_takeover)
                deflater.reset();
            }
            Arrays.sort(nanos);
            // the final empty block's 00 00 FF FF is not sent (RFC 7692)
            System.out.printf("| %d | %,d | %.2f |%n", level, length - 4, nanos[ROUNDS / 2] / 1e6);
            deflater.end();
        }
    }
}
