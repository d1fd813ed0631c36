package dev.skein.doc.edit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The chunks of a streamed text body as they arrive: for {@code text/plain}, what each read of the
 * body returns (a chunk of chunked transfer, usually), decoded as UTF-8 with a character split
 * across reads kept for the next; for {@code text/event-stream}, the data of each event. Chunks
 * longer than the limit are split (never inside a surrogate pair).
 */
final class ChunkReader {

    private final InputStream in;
    private final boolean events;
    private final int maxChars;
    private final byte[] buffer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer leftover = ByteBuffer.allocate(0);
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private boolean ended;

    ChunkReader(InputStream in, boolean events, int maxBytes) {
        this.in = in;
        this.events = events;
        this.maxChars = Math.max(2, maxBytes / 2);
        this.buffer = new byte[Math.max(16, maxBytes)];
    }

    /** The next chunk, or null at the end of the body. */
    String next() throws IOException {
        while (true) {
            if (pending.length() > 0) {
                return take();
            }
            if (ended) {
                return null;
            }
            int n = in.read(buffer);
            String text;
            if (n < 0) {
                ended = true;
                text = decode(new byte[0], 0, true);
                if (events) {
                    text = text + "\n\n"; // an event the body ends without a blank line still counts
                }
            } else {
                text = decode(buffer, n, false);
            }
            if (events) {
                parseEvents(text);
            } else {
                pending.append(text);
            }
        }
    }

    private String take() {
        int end = Math.min(pending.length(), maxChars);
        if (end < pending.length() && Character.isHighSurrogate(pending.charAt(end - 1))) {
            end--;
        }
        String chunk = pending.substring(0, end);
        pending.delete(0, end);
        return chunk;
    }

    private String decode(byte[] bytes, int n, boolean last) {
        ByteBuffer in = ByteBuffer.allocate(leftover.remaining() + n);
        in.put(leftover).put(bytes, 0, n).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, last);
        if (last) {
            decoder.flush(out);
        }
        leftover = in.slice();
        out.flip();
        return out.toString();
    }

    /** Server-sent events: "data:" lines joined by newlines, dispatched at a blank line. */
    private void parseEvents(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                continue;
            }
            if (c != '\n') {
                line.append(c);
                continue;
            }
            if (line.length() == 0) {
                if (hasData) {
                    pending.append(data);
                }
                data.setLength(0);
                hasData = false;
            } else if (line.toString().startsWith("data")) {
                String l = line.toString();
                int colon = l.indexOf(':');
                if (colon == 4 || l.equals("data")) {
                    String value = colon < 0 ? "" : l.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    if (hasData) {
                        data.append('\n');
                    }
                    data.append(value);
                    hasData = true;
                }
            }
            line.setLength(0);
        }
    }
}
