import dev.skein.loadtool.trace.EditTrace;
import dev.skein.loadtool.trace.TraceReplay;
import dev.skein.ycrdt.update.Compaction;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * What a load-tool client pays for permessage-deflate with Netty's codecs against what zlib itself
 * takes (what the load tool's own MessageInflater and MessageDeflater do, as a browser's network
 * stack does), both as in a fresh load-tool JVM: the first 30 messages. Inbound: the B4 sync answer
 * as Skein's gateway sends it (level 4, no context takeover); outbound: 36-byte updates, each
 * compressed on its own. Run from the repository root after a build, once per mode:
 *
 * <pre>
 * java -cp "load-tool/target/classes:$(cat load-tool/target/runtime-classpath.txt)" \
 *     bench/system/ClientCodecs.java netty|zlib [testdata/traces/automerge-paper.json.gz]
 * </pre>
 */
public class ClientCodecs {

    private static final int MESSAGES = 30;
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    public static void main(String[] args) throws Exception {
        boolean netty = args[0].equals("netty");
        Path trace = Path.of(args.length > 1 ? args[1] : "testdata/traces/automerge-paper.json.gz");
        byte[] answer = Compaction.mergeAndCompact(TraceReplay.of(EditTrace.read(trace), 3_141_592_653L, "text").updates());
        byte[] compressed = deflate(new Deflater(4, true), answer);
        double[] inflate = new double[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            long start = System.nanoTime();
            byte[] inflated = netty ? nettyInflate(compressed) : zlibInflate(compressed);
            inflate[i] = (System.nanoTime() - start) / 1e6;
            if (!Arrays.equals(inflated, answer)) {
                throw new IllegalStateException("does not inflate to the answer");
            }
        }
        byte[] update = new byte[36];
        new Random(1).nextBytes(update);
        EmbeddedChannel nettyEncoder = netty ? new EmbeddedChannel(nettyExtension().newExtensionEncoder()) : null;
        Deflater deflater = new Deflater(6, true);
        double[] deflate = new double[MESSAGES * 100];
        for (int i = 0; i < deflate.length; i++) {
            long start = System.nanoTime();
            if (netty) {
                nettyEncoder.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(update)));
                ((WebSocketFrame) nettyEncoder.readOutbound()).release();
            } else {
                deflater.reset();
                deflate(deflater, update);
            }
            deflate[i] = (System.nanoTime() - start) / 1e3;
        }
        System.out.printf("%s: inflate the %,d-byte answer (%,d compressed): median %.2f ms of messages 2-%d; "
                + "compress a 36-byte update: median %.1f us of the first %d%n", args[0], answer.length, compressed.length,
            median(Arrays.copyOfRange(inflate, 1, MESSAGES)), MESSAGES, median(deflate), deflate.length);
    }

    private static WebSocketClientExtension nettyExtension() {
        return new PerMessageDeflateClientExtensionHandshaker(6, true, 15, true, false).handshakeExtension(
            new WebSocketExtensionData("permessage-deflate", Map.of("server_no_context_takeover", "", "client_no_context_takeover", "")));
    }

    private static byte[] nettyInflate(byte[] compressed) {
        EmbeddedChannel channel = new EmbeddedChannel(nettyExtension().newExtensionDecoder());
        ByteBuf read = PooledByteBufAllocator.DEFAULT.directBuffer(compressed.length).writeBytes(compressed);
        channel.writeInbound(new BinaryWebSocketFrame(true, WebSocketExtension.RSV1, read));
        WebSocketFrame frame = channel.readInbound();
        byte[] bytes = ByteBufUtil.getBytes(frame.content());
        frame.release();
        channel.finishAndReleaseAll();
        return bytes;
    }

    private static byte[] zlibInflate(byte[] compressed) throws Exception {
        Inflater inflater = new Inflater(true);
        byte[] input = Arrays.copyOf(compressed, compressed.length + TAIL.length);
        System.arraycopy(TAIL, 0, input, compressed.length, TAIL.length);
        inflater.setInput(input);
        byte[] output = new byte[compressed.length * 4];
        int length = 0;
        while (true) {
            length += inflater.inflate(output, length, output.length - length);
            if (length < output.length && inflater.needsInput()) {
                break;
            }
            if (length == output.length) {
                output = Arrays.copyOf(output, output.length * 2);
            }
        }
        inflater.end();
        return Arrays.copyOf(output, length);
    }

    private static byte[] deflate(Deflater deflater, byte[] message) {
        deflater.setInput(message);
        byte[] output = new byte[message.length + 64];
        int length = 0;
        while (true) {
            length += deflater.deflate(output, length, output.length - length, Deflater.SYNC_FLUSH);
            if (length < output.length) {
                break;
            }
            output = Arrays.copyOf(output, output.length * 2);
        }
        return Arrays.copyOf(output, length - TAIL.length);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
