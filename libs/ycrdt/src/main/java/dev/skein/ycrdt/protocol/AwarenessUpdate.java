package dev.skein.ycrdt.protocol;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.YDecodingException.Reason;
import dev.skein.ycrdt.lib0.ByteReader;
import dev.skein.ycrdt.lib0.ByteWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The awareness update payload of y-protocols: a var-uint entry count, then per entry a var-uint
 * client id, a var-uint clock and a var-string holding the client's state as JSON text, where
 * {@code null} means the client is gone.
 *
 * <p>As in y-protocols, bytes after the last entry are ignored.
 */
public final class AwarenessUpdate {

    /** The fewest bytes an entry can take: one each for client id, clock and string length. */
    private static final int MIN_ENTRY_BYTES = 3;

    private AwarenessUpdate() {
    }

    /**
     * One client's awareness state.
     *
     * @param clientId  the client's Yjs client id; in practice an unsigned 32-bit number, so values
     *                  of 2^31 and above are common
     * @param clock     the client's awareness clock; a state with a higher clock replaces a lower one
     * @param stateJson the state as JSON text, exactly as on the wire
     */
    public record Entry(long clientId, long clock, String stateJson) {

        public Entry {
            requireVarUint(clientId, "clientId");
            requireVarUint(clock, "clock");
            Objects.requireNonNull(stateJson, "stateJson");
        }

        /** A removal: the client's state set to {@code null}. */
        public static Entry removal(long clientId, long clock) {
            return new Entry(clientId, clock, "null");
        }

        /** Whether this entry removes the client, that is, its state is JSON {@code null}. */
        public boolean removed() {
            return JsonText.isNull(stateJson);
        }

        private static void requireVarUint(long value, String name) {
            if (value < 0 || value > ByteReader.MAX_SAFE_INTEGER) {
                throw new IllegalArgumentException(name + " " + value + " outside 0..2^53-1");
            }
        }
    }

    /**
     * Decodes an awareness update and checks that every state is valid JSON.
     *
     * @throws YDecodingException if the update is truncated, a number exceeds 2^53, a string is
     *         not UTF-8 or a state is not JSON
     */
    public static List<Entry> decode(byte[] update) {
        return decode(update, true);
    }

    /**
     * Decodes an awareness update, checking the JSON of the states only if {@code validateJson};
     * a relay that forwards states untouched may skip the parse.
     *
     * @throws YDecodingException if the update is malformed
     */
    public static List<Entry> decode(byte[] update, boolean validateJson) {
        Objects.requireNonNull(update, "update");
        ByteReader in = new ByteReader(update);
        long count = in.readVarUint();
        if (count > in.remaining() / MIN_ENTRY_BYTES) {
            // checked up front so that a forged count can neither size the list nor spin the loop
            throw new YDecodingException(Reason.END_OF_BUFFER, in.position(),
                    count + " entries cannot fit in " + in.remaining() + " bytes");
        }
        List<Entry> entries = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            long clientId = in.readVarUint();
            long clock = in.readVarUint();
            String state = in.readVarString();
            if (validateJson) {
                JsonText.parse(state);
            }
            entries.add(new Entry(clientId, clock, state));
        }
        return List.copyOf(entries);
    }

    /** Encodes {@code entries} in order, each state written as its JSON text. */
    public static byte[] encode(List<Entry> entries) {
        ByteWriter out = new ByteWriter();
        out.writeVarUint(entries.size());
        for (Entry e : entries) {
            write(out, e.clientId(), e.clock(), e.stateJson());
        }
        return out.toByteArray();
    }

    static void write(ByteWriter out, long clientId, long clock, String stateJson) {
        out.writeVarUint(clientId);
        out.writeVarUint(clock);
        out.writeVarString(stateJson);
    }
}
