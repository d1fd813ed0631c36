package dev.skein.gateway;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A WebSocket client on a plain socket that shows what travels on the wire: the extension offer
 * and answer of the handshake and every frame's RSV1 bit. It compresses what it sends (as a
 * browser does once permessage-deflate is agreed) and inflates what arrives compressed itself.
 */
public final class RawWebSocket implements AutoCloseable {

    /** One frame as it arrived. */
    public record Frame(int opcode, boolean fin, boolean rsv1, byte[] payload) {

        /** The close code of a close frame. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Map<String, String> responseHeaders;

    private RawWebSocket(Socket socket, DataInputStream in, OutputStream out, Map<String, String> responseHeaders) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.responseHeaders = responseHeaders;
    }

    /** Opens {@code path} offering {@code extensions} (null: no offer); fails unless the server switches protocols. */
    public static RawWebSocket open(String host, int port, String path, String extensions) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setSoTimeout(20_000);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        StringBuilder request = new StringBuilder()
            .append("GET ").append(path).append(" HTTP/1.1\r\n")
            .append("Host: ").append(host).append(':').append(port).append("\r\n")
            .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
            .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
            .append("Sec-WebSocket-Version: 13\r\n");
        if (extensions != null) {
            request.append("Sec-WebSocket-Extensions: ").append(extensions).append("\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        String status = readLine(in);
        if (!status.contains(" 101 ")) {
            socket.close();
            throw new IOException("no upgrade: " + status);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return new RawWebSocket(socket, in, out, headers);
    }

    /** The server's {@code Sec-WebSocket-Extensions} answer, or null. */
    public String agreedExtensions() {
        return responseHeaders.get("sec-websocket-extensions");
    }

    /** Sends one binary message, compressed (RSV1, no context) or as it is. */
    public void sendBinary(byte[] message, boolean compress) throws IOException {
        sendFrame(0x2, compress ? deflate(message) : message, compress);
    }

    /** Sends one binary frame with the given payload as it is, RSV1 set or not. */
    public void sendFrame(int opcode, byte[] payload, boolean rsv1) throws IOException {
        out.write(encodeFrame(opcode, payload, rsv1));
        out.flush();
    }

    /** Sends bytes as they are: a frame from {@link #encodeFrame}, sent many times without re-encoding. */
    public void sendEncoded(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    /** One client frame on the wire (masked with a random key). */
    public static byte[] encodeFrame(int opcode, byte[] payload, boolean rsv1) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | (rsv1 ? 0x40 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.writeBytes(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        frame.writeBytes(masked);
        return frame.toByteArray();
    }

    /** The next frame from the server. */
    public Frame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(b0 & 0x0f, (b0 & 0x80) != 0, (b0 & 0x40) != 0, payload);
    }

    /** The payload of a message as the application sees it: inflated when it came compressed. */
    public static byte[] message(Frame frame) {
        return frame.rsv1() ? inflate(frame.payload()) : frame.payload();
    }

    /** Raw deflate without context, the 00 00 FF FF of the final sync flush removed (RFC 7692). */
    public static byte[] deflate(byte[] message) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(message);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            int n;
            do {
                n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
                out.write(chunk, 0, n);
            } while (n == chunk.length);
            byte[] all = out.toByteArray();
            return Arrays.copyOf(all, all.length - 4);
        } finally {
            deflater.end();
        }
    }

    public static byte[] inflate(byte[] payload) {
        Inflater inflater = new Inflater(true);
        try {
            byte[] input = Arrays.copyOf(payload, payload.length + 4);
            System.arraycopy(TAIL, 0, input, payload.length, 4);
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = inflater.inflate(chunk)) > 0) {
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("the server's compressed message does not inflate", e);
        } finally {
            inflater.end();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
