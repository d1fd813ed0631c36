package dev.skein.testkit.redis;

import dev.skein.testkit.net.FreePorts;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal Redis client for the testkit's own needs (readiness, inspecting and resetting a
 * server in tests): one connection per command, the RESP2 protocol, replies as Java values.
 *
 * <p>Replies: simple strings and bulk strings as {@link String}, integers as {@link Long}, nil as
 * {@code null}, arrays as {@link List}; an error reply throws {@link IllegalStateException}.
 */
public final class RespClient {

    private static final int TIMEOUT_MILLIS = 2_000;

    private RespClient() {
    }

    /**
     * Sends one command to the server on 127.0.0.1:{@code port} and returns its reply.
     *
     * @throws IOException if the server cannot be reached
     * @throws IllegalStateException if the server answers with an error
     */
    public static Object command(int port, String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FreePorts.loopback(), port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(encode(args));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    /** Whether the server on {@code port} answers {@code PING}. */
    public static boolean pings(int port) {
        try {
            return "PONG".equals(command(port, "PING"));
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    private static byte[] encode(String... args) {
        StringBuilder command = new StringBuilder().append('*').append(args.length).append("\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            command.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        return command.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = readLine(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IllegalStateException("Redis error: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length);
                readLine(in);
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("Unexpected Redis reply type " + type);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }
}
