package dev.skein.ycrdt.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skein.ycrdt.YDecodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing of {@link MessageCodec#decode} and {@link AwarenessUpdate#decode}:
 * whatever the input, the only exception is {@link YDecodingException}, no call allocates more than
 * {@link Allocation#budget} for its input size, and whatever decodes re-encodes to something that
 * decodes to the same value.
 */
class DecodeFuzzTest {

    private static final int ITERATIONS = 120_000;
    private static final long SEED = 0x5EED_CAFEL;

    @Test
    @Timeout(120)
    void messageDecodeRejectsOnlyWithDecodingException() {
        Mutator mutator = new Mutator(SEED, frameCorpus());
        Outcome outcome = fuzz(mutator, MessageCodec::decode, m -> {
            Message again = MessageCodec.decode(MessageCodec.encode(m));
            assertEquals(m, again);
        });
        outcome.assertBothSidesReached();
    }

    @Test
    @Timeout(120)
    void awarenessDecodeRejectsOnlyWithDecodingException() {
        Mutator mutator = new Mutator(SEED + 1, awarenessCorpus());
        AwarenessStates states = new AwarenessStates(() -> 0);
        Outcome outcome = fuzz(mutator, AwarenessUpdate::decode, entries -> {
            assertEquals(entries, AwarenessUpdate.decode(AwarenessUpdate.encode(entries)));
            // every state passed validation, so applying cannot fail either
            assertDoesNotThrow(() -> states.apply(entries));
        });
        outcome.assertBothSidesReached();
    }

    private record Outcome(int accepted, int rejected) {
        void assertBothSidesReached() {
            assertEquals(ITERATIONS, accepted + rejected);
            // a fuzzer that only ever hits one side tests little
            assertTrue(accepted > ITERATIONS / 20 && rejected > ITERATIONS / 20, this.toString());
        }
    }

    private static <T> Outcome fuzz(Mutator mutator, Function<byte[], T> decoder, Consumer<T> onAccepted) {
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutator.next();
            long before = Allocation.allocated();
            T value = decodeOrReject(decoder, input);
            if (Allocation.allocated() - before > Allocation.budget(input.length)) {
                // the first run of a code path also pays for class loading and call-site linkage;
                // only an allocation that repeats on a warm path is the decoder's own
                before = Allocation.allocated();
                decodeOrReject(decoder, input);
                long used = Allocation.allocated() - before;
                if (used > Allocation.budget(input.length)) {
                    fail(used + " bytes allocated decoding " + input.length + " bytes: "
                            + HexFormat.of().formatHex(input));
                }
            }
            if (value == null) {
                rejected++;
            } else {
                accepted++;
                onAccepted.accept(value);
            }
        }
        return new Outcome(accepted, rejected);
    }

    /** The decoded value, or null if the decoder rejected the input the one permitted way. */
    private static <T> T decodeOrReject(Function<byte[], T> decoder, byte[] input) {
        try {
            return decoder.apply(input);
        } catch (YDecodingException expected) {
            return null;
        } catch (Throwable t) {
            return fail("unexpected " + t + " for input " + HexFormat.of().formatHex(input), t);
        }
    }

    /** Golden frames below 2 kB, plus generated frames of every kind. */
    private static List<byte[]> frameCorpus() {
        List<byte[]> corpus = new ArrayList<>();
        for (Map<String, Object> m : Fixtures.objects(Fixtures.resource("/protocol/golden.json"), "messages")) {
            byte[] frame = Base64.getDecoder().decode(Fixtures.str(m, "frame"));
            if (frame.length < 2048) {
                corpus.add(frame);
            }
        }
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 40; i++) {
            byte[] payload = new byte[random.nextInt(i < 30 ? 20 : 400)];
            random.nextBytes(payload);
            corpus.add(MessageCodec.encode(new SyncStep1(payload)));
            corpus.add(MessageCodec.encode(new SyncStep2(payload)));
            corpus.add(MessageCodec.encode(new SyncUpdate(payload)));
            corpus.add(MessageCodec.encode(new CustomMessage(random.nextInt(4, 300), payload)));
        }
        for (byte[] update : awarenessCorpus()) {
            corpus.add(MessageCodec.encode(new AwarenessMessage(update)));
        }
        corpus.add(MessageCodec.encode(new AuthMessage("Zugriff verweigert – 🔒")));
        corpus.add(MessageCodec.encode(new QueryAwareness()));
        return corpus;
    }

    /** Golden awareness payloads, plus generated updates with odd ids, clocks and JSON. */
    private static List<byte[]> awarenessCorpus() {
        List<byte[]> corpus = new ArrayList<>();
        for (Map<String, Object> m : Fixtures.objects(Fixtures.resource("/protocol/golden.json"), "messages")) {
            if ("awareness".equals(Fixtures.str(m, "kind"))) {
                corpus.add(Fixtures.bytes(m, "payload"));
            }
        }
        String[] states = {
            "null", "{}", "[]", "0", "-0", "1e400", "\"\"", "false", "true",
            "{\"user\":{\"name\":\"Zoë 🦄\",\"color\":\"#30bced\"},\"cursor\":{\"anchor\":12,\"head\":-3.25e-7}}",
            " [ 1 , [ 2 , [ 3 , { \"a\" : null } ] ] ] ", "{\"2\":1,\"1\":2,\"b\":[true,false]}",
            "\"\\u00e9\\ud83e\\udd84\\ud800\\n\\\"\"", "[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]",
        };
        long[] ids = {0, 1, 127, 128, (1L << 31) - 1, 1L << 31, 0xFFFFFFFFL, (1L << 53) - 1};
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 40; i++) {
            List<AwarenessUpdate.Entry> entries = new ArrayList<>();
            for (int n = random.nextInt(5); n > 0; n--) {
                entries.add(new AwarenessUpdate.Entry(ids[random.nextInt(ids.length)],
                        ids[random.nextInt(ids.length)], states[random.nextInt(states.length)]));
            }
            corpus.add(AwarenessUpdate.encode(entries));
        }
        return corpus;
    }
}
