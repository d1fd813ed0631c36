package dev.skein.ycrdt.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skein.ycrdt.YDecodingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of every update operation: truncated, bit-flipped, spliced and random
 * inputs must either work or throw {@link YDecodingException} — no other exception, no hang.
 * Seeds are valid updates written by yjs ({@code src/test/js/fuzz/gen-seeds.mjs}).
 */
class UpdateFuzzTest {

    private static final int INPUTS = Integer.getInteger("skein.fuzz.inputs", 100_000);
    private static final long SEED = Long.getLong("skein.fuzz.seed", 20261125L);

    private record Seed(UpdateFormat format, byte[] bytes) {
    }

    private static final List<Seed> seeds = new ArrayList<>();

    @BeforeAll
    static void loadSeeds() throws IOException {
        try (InputStream in = UpdateFuzzTest.class.getResourceAsStream("/update/fuzz-seeds.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(" ");
                seeds.add(new Seed(parts[0].equals("v1") ? UpdateFormat.V1 : UpdateFormat.V2,
                        Base64.getDecoder().decode(parts[1])));
            }
        }
        assertTrue(seeds.size() >= 20, "seed corpus missing");
    }

    @Test
    void seedsAreValidAndRoundTripThroughConversion() {
        for (Seed s : seeds) {
            Updates.validate(s.bytes, s.format);
            if (s.format == UpdateFormat.V1) {
                byte[] v2 = Updates.convertUpdateFormatV1ToV2(s.bytes);
                assertArrayEquals(Updates.convertUpdateFormatV2ToV1(v2), Updates.convert(s.bytes, UpdateFormat.V1, UpdateFormat.V1));
            }
        }
    }

    @Test
    void mutatedInputsOnlyEverThrowDecodingErrors() {
        Random rnd = new Random(SEED);
        int decodingErrors = 0;
        for (int i = 0; i < INPUTS; i++) {
            Seed seed = seeds.get(rnd.nextInt(seeds.size()));
            byte[] input = mutate(seed.bytes, rnd);
            try {
                exercise(input, seed.format, seeds.get(rnd.nextInt(seeds.size())));
            } catch (YDecodingException expected) {
                decodingErrors++;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                fail("input " + i + " (seed " + SEED + ", " + seed.format + ") " + Arrays.toString(input) + " threw " + e, e);
            }
        }
        // the mutations must actually reach the error paths, or this test proves nothing
        assertTrue(decodingErrors > INPUTS / 4, "only " + decodingErrors + " inputs were rejected");
    }

    @Test
    void singleByteInputsAndEmptyInputAreRejectedOrDecoded() {
        for (UpdateFormat f : UpdateFormat.values()) {
            for (int b = 0; b < 256; b++) {
                try {
                    Updates.validate(new byte[] {(byte) b}, f);
                } catch (YDecodingException expected) {
                    assertEquals(f == UpdateFormat.V1 ? YDecodingException.Reason.END_OF_BUFFER : expected.reason(), expected.reason());
                }
            }
            try {
                Updates.validate(new byte[0], f);
                fail("empty input accepted");
            } catch (YDecodingException expected) {
                assertEquals(YDecodingException.Reason.END_OF_BUFFER, expected.reason());
            }
        }
    }

    private static void exercise(byte[] input, UpdateFormat f, Seed other) {
        Updates.validate(input, f);
        byte[] sv = Updates.stateVectorFromUpdate(input, f);
        Updates.parseMeta(input, f);
        Updates.diff(input, sv, f);
        Updates.convert(input, f, f == UpdateFormat.V1 ? UpdateFormat.V2 : UpdateFormat.V1);
        if (other.format == f) {
            Updates.merge(List.of(input, other.bytes), f);
            Compaction.mergeAndCompact(List.of(other.bytes, input), f);
        }
        Compaction.compact(input, f);
    }

    private static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        switch (rnd.nextInt(6)) {
            case 0:
                return Arrays.copyOf(b, rnd.nextInt(b.length + 1)); // truncate
            case 1: { // flip bits
                int flips = 1 + rnd.nextInt(4);
                for (int k = 0; k < flips && b.length > 0; k++) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                return b;
            }
            case 2: { // overwrite bytes with extreme values
                for (int k = 0; k < 1 + rnd.nextInt(3) && b.length > 0; k++) {
                    b[rnd.nextInt(b.length)] = (byte) (rnd.nextBoolean() ? 0xFF : rnd.nextInt(256));
                }
                return b;
            }
            case 3: { // insert random bytes
                int at = rnd.nextInt(b.length + 1);
                byte[] extra = new byte[1 + rnd.nextInt(8)];
                rnd.nextBytes(extra);
                byte[] out = new byte[b.length + extra.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(extra, 0, out, at, extra.length);
                System.arraycopy(b, at, out, at + extra.length, b.length - at);
                return out;
            }
            case 4: { // duplicate a slice
                if (b.length < 2) {
                    return b;
                }
                int from = rnd.nextInt(b.length - 1);
                int len = 1 + rnd.nextInt(b.length - from - 1);
                byte[] out = Arrays.copyOf(b, b.length + len);
                System.arraycopy(b, from, out, b.length, len);
                return out;
            }
            default: { // random bytes
                byte[] out = new byte[rnd.nextInt(64)];
                rnd.nextBytes(out);
                return out;
            }
        }
    }
}
