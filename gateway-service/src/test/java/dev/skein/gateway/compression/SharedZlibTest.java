package dev.skein.gateway.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.skein.gateway.RawWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedZlibTest {

    private static byte[] text(int length, long seed) {
        String[] words = {"collaborative ", "editing ", "with ", "yjs ", "and ", "kafka "};
        StringBuilder text = new StringBuilder();
        Random random = new Random(seed);
        while (text.length() < length) {
            text.append(words[random.nextInt(words.length)]);
        }
        return text.substring(0, length).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anIdenticalMessageIsCompressedOnceAndEveryFormInflatesToItsMessage() {
        AtomicInteger reused = new AtomicInteger();
        SharedZlib zlib = new SharedZlib(4, 1 << 20, reused::incrementAndGet);
        byte[] message = text(300_000, 1);
        byte[] first = zlib.deflate(message);
        assertArrayEquals(message, RawWebSocket.inflate(first));
        assertSame(first, zlib.deflate(message.clone()), "the same bytes, another array: the kept form");
        assertEquals(1, reused.get());
        byte[] other = text(300_000, 2);
        byte[] otherForm = zlib.deflate(other);
        assertNotSame(first, otherForm);
        assertArrayEquals(other, RawWebSocket.inflate(otherForm));
        assertEquals(1, reused.get());
    }

    @Test
    void withNothingKeptEveryMessageIsCompressedAnewToTheSameBytes() {
        AtomicInteger reused = new AtomicInteger();
        SharedZlib zlib = new SharedZlib(4, 0, reused::incrementAndGet);
        byte[] message = text(50_000, 3);
        byte[] first = zlib.deflate(message);
        byte[] second = zlib.deflate(message);
        assertNotSame(first, second);
        assertArrayEquals(first, second, "without context takeover a message's form depends on its bytes alone");
        assertEquals(0, reused.get());
    }

    @Test
    void aMessageThatDoesNotShrinkIsNotCompressed() {
        byte[] random = new byte[5_000];
        new Random(4).nextBytes(random);
        assertNull(new SharedZlib(4, 1 << 20, () -> { }).deflate(random));
    }
}
