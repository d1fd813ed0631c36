package dev.skein.loadtool.docapi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.SubmissionPublisher;

/**
 * The body of a text stream: numbered pieces of a fixed width ({@code 00042|}), so that the text
 * every reader must end with is known and a lost, doubled or reordered piece shows.
 */
public final class PacedChunks implements AutoCloseable {

    private final int width;
    private final SubmissionPublisher<ByteBuffer> publisher = new SubmissionPublisher<>();

    /** @param width characters per chunk (at least 2: digits and a separator) */
    public PacedChunks(int width) {
        if (width < 2) {
            throw new IllegalArgumentException("a chunk needs at least 2 characters");
        }
        this.width = width;
    }

    /** The body's publisher (hand it to the request). */
    public SubmissionPublisher<ByteBuffer> publisher() {
        return publisher;
    }

    /** Chunk {@code i}: its number in {@code width - 1} digits (wrapping) and a bar. */
    public String chunk(int i) {
        long modulus = (long) Math.pow(10, width - 1);
        return String.format(Locale.ROOT, "%0" + (width - 1) + "d|", i % modulus);
    }

    /** Whether the request has subscribed to the body (before that, a submitted chunk is dropped). */
    public boolean subscribed() {
        return publisher.getNumberOfSubscribers() > 0;
    }

    /**
     * Sends chunk {@code i} (blocks while the request has not taken the earlier ones).
     *
     * @throws IllegalStateException before the request subscribed: the publisher would drop the
     *     chunk without a word
     */
    public void send(int i) {
        if (!subscribed()) {
            throw new IllegalStateException("chunk " + i + " sent before the request took the body");
        }
        publisher.submit(ByteBuffer.wrap(chunk(i).getBytes(StandardCharsets.UTF_8)));
    }

    /** The text of chunks 0 to {@code count - 1}. */
    public String expected(int count) {
        StringBuilder text = new StringBuilder(count * width);
        for (int i = 0; i < count; i++) {
            text.append(chunk(i));
        }
        return text.toString();
    }

    /** Ends the body (the stream). */
    @Override
    public void close() {
        publisher.close();
    }
}
