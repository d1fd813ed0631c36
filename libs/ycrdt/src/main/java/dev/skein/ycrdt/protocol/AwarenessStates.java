package dev.skein.ycrdt.protocol;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.lib0.ByteWriter;
import dev.skein.ycrdt.lib0.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * The awareness states of one document as a server holds them: the latest state per client,
 * merged with the rules of y-protocols' {@code Awareness} (1.0.7), which y-websocket-server uses.
 * There is no local client: the server never publishes a state of its own.
 *
 * <ul>
 *   <li>An entry is accepted if its clock is higher than the one known for the client (0 for a
 *       client never seen), or if it is a removal with the same clock while the client still has
 *       a state.
 *   <li>States are kept as {@code JSON.stringify(JSON.parse(text))}, because y-protocols stores
 *       the parsed value and re-sends its serialisation, not the received text.
 *   <li>Clocks stay known after a client is removed, so a stale state cannot bring it back. As in
 *       y-protocols they are never forgotten: memory grows with the clients a document has ever
 *       seen, so an instance should live no longer than the document is loaded.
 *   <li>A client's renewal time is when an entry of it was last accepted; see
 *       {@link #removeOutdated(long)}.
 * </ul>
 *
 * <p>Thread-safe: every method is atomic, and each {@link Change} carries the update encoded under
 * the same lock, so broadcasts reflect exactly that change. Time comes from the clock passed in;
 * nothing here starts a thread.
 */
public final class AwarenessStates {

    /** y-protocols' {@code outdatedTimeout}: clients not renewed for this long are dropped. */
    public static final long OUTDATED_TIMEOUT_MILLIS = 30_000;

    private record Meta(long clock, long lastUpdated) {
    }

    private final LongSupplier millisClock;
    // insertion-ordered like JavaScript's Map, so iteration (and so encoding) order matches
    private final Map<Long, Meta> meta = new LinkedHashMap<>();
    private final Map<Long, String> states = new LinkedHashMap<>();

    /** Awareness states timed by the system clock. */
    public AwarenessStates() {
        this(System::currentTimeMillis);
    }

    /**
     * Awareness states timed by the given clock.
     *
     * @param millisClock the current time in milliseconds, read when states are applied or timed out
     */
    public AwarenessStates(LongSupplier millisClock) {
        this.millisClock = Objects.requireNonNull(millisClock, "millisClock");
    }

    /**
     * What an operation changed, with the awareness update to broadcast for it.
     *
     * <p>The lists follow y-protocols' {@code update} event: {@code added} holds clients seen for
     * the first time, {@code updated} clients whose new state was accepted (even if equal to the
     * old one, since the renewal must propagate), {@code removed} clients whose removal was
     * accepted. A client listed twice in one update may appear twice.
     *
     * @param update the awareness update of the changed clients in the order added, updated,
     *               removed, as y-websocket-server broadcasts it; empty (no bytes at all) when
     *               nothing changed, in which case nothing is to be sent
     */
    public record Change(List<Long> added, List<Long> updated, List<Long> removed, byte[] update) {

        static final Change NONE = new Change(List.of(), List.of(), List.of(), new byte[0]);

        public Change {
            added = List.copyOf(added);
            updated = List.copyOf(updated);
            removed = List.copyOf(removed);
            Objects.requireNonNull(update, "update");
        }

        /** Whether nothing changed. */
        public boolean isEmpty() {
            return added.isEmpty() && updated.isEmpty() && removed.isEmpty();
        }

        /** The changed clients in the order they appear in {@link #update()}. */
        public List<Long> clients() {
            List<Long> all = new ArrayList<>(added.size() + updated.size() + removed.size());
            all.addAll(added);
            all.addAll(updated);
            all.addAll(removed);
            return Collections.unmodifiableList(all);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Change c && added.equals(c.added) && updated.equals(c.updated)
                    && removed.equals(c.removed) && Arrays.equals(update, c.update);
        }

        @Override
        public int hashCode() {
            return Objects.hash(added, updated, removed, Arrays.hashCode(update));
        }

        @Override
        public String toString() {
            return "Change[added=" + added + ", updated=" + updated + ", removed=" + removed
                    + ", update=" + Bytes.describe(update) + "]";
        }
    }

    /**
     * Decodes and applies an awareness update received from a client.
     *
     * <p>Unlike y-protocols, which applies entries while reading and so keeps those before a
     * malformed one, the whole update is checked first: a bad update changes nothing.
     *
     * @throws YDecodingException if the update is malformed or a state is not JSON
     */
    public Change apply(byte[] update) {
        return apply(AwarenessUpdate.decode(update, false));
    }

    /**
     * Applies decoded entries in order.
     *
     * @throws YDecodingException if a state is not JSON; nothing is applied then
     */
    public Change apply(List<AwarenessUpdate.Entry> entries) {
        // parsed before taking the lock, and all of them first, so that a bad entry changes nothing;
        // null marks a removal (testing the text would also match a state such as 1e400, which is
        // Infinity in JavaScript: a present state that merely serialises as null)
        String[] canonical = new String[entries.size()];
        for (int i = 0; i < canonical.length; i++) {
            Object value = JsonText.parse(entries.get(i).stateJson());
            canonical[i] = value == null ? null : Json.stringify(value);
        }
        synchronized (this) {
            long now = millisClock.getAsLong();
            List<Long> added = new ArrayList<>();
            List<Long> updated = new ArrayList<>();
            List<Long> removed = new ArrayList<>();
            for (int i = 0; i < canonical.length; i++) {
                AwarenessUpdate.Entry e = entries.get(i);
                Long id = e.clientId();
                boolean isNull = canonical[i] == null;
                Meta known = meta.get(id);
                long knownClock = known == null ? 0 : known.clock();
                boolean accept = knownClock < e.clock()
                        || knownClock == e.clock() && isNull && states.containsKey(id);
                if (!accept) {
                    continue;
                }
                if (isNull) {
                    states.remove(id);
                } else {
                    states.put(id, canonical[i]);
                }
                meta.put(id, new Meta(e.clock(), now));
                if (known == null && !isNull) {
                    added.add(id);
                } else if (known != null && isNull) {
                    removed.add(id);
                } else if (!isNull) {
                    updated.add(id);
                }
            }
            return change(added, updated, removed);
        }
    }

    /**
     * Removes the states of the given clients, as a server does when their connection closes.
     * Clients without a state are skipped. Clocks are not bumped: y-protocols bumps only its own
     * local client's clock, and peers accept a removal at the clock they already hold.
     */
    public synchronized Change remove(Collection<Long> clientIds) {
        List<Long> removed = new ArrayList<>();
        for (Long id : clientIds) {
            if (states.remove(Objects.requireNonNull(id, "client id")) != null) {
                removed.add(id);
            }
        }
        return change(List.of(), List.of(), removed);
    }

    /** {@link #removeOutdated(long)} with y-protocols' {@link #OUTDATED_TIMEOUT_MILLIS}. */
    public Change removeOutdated() {
        return removeOutdated(OUTDATED_TIMEOUT_MILLIS);
    }

    /**
     * Removes clients whose state was last accepted {@code timeoutMillis} or more ago. Clients
     * renew every 15 seconds, so y-protocols (checking every 3 seconds) drops a client after 30
     * seconds of silence; call this periodically to do the same.
     */
    public synchronized Change removeOutdated(long timeoutMillis) {
        long now = millisClock.getAsLong();
        List<Long> outdated = new ArrayList<>();
        meta.forEach((id, m) -> {
            if (timeoutMillis <= now - m.lastUpdated() && states.containsKey(id)) {
                outdated.add(id);
            }
        });
        return remove(outdated);
    }

    /**
     * An awareness update with the current state and clock of each given client, in order, as
     * y-protocols' {@code encodeAwarenessUpdate} writes it: removed clients, and clients whose
     * state is falsy ({@code 0}, {@code false}, {@code ""}), are written as {@code null}.
     *
     * @throws IllegalArgumentException if a client was never seen (y-protocols fails then too)
     */
    public synchronized byte[] encode(Collection<Long> clientIds) {
        ByteWriter out = new ByteWriter();
        out.writeVarUint(clientIds.size());
        for (Long id : clientIds) {
            Meta m = meta.get(Objects.requireNonNull(id, "client id"));
            if (m == null) {
                throw new IllegalArgumentException("unknown awareness client " + id);
            }
            String state = states.get(id);
            AwarenessUpdate.write(out, id, m.clock(), state == null || JsonText.isFalsy(state) ? "null" : state);
        }
        return out.toByteArray();
    }

    /**
     * An awareness update with every current state, as y-websocket-server sends to a new
     * connection (it sends nothing while there are none). Clients come in JavaScript {@code Map}
     * order: by when each got its state, counting from its latest removal if it had one.
     */
    public synchronized byte[] encodeAll() {
        return encode(new ArrayList<>(states.keySet()));
    }

    /**
     * The current states by client id, in the order of {@link #encodeAll()}, as
     * {@code JSON.stringify} prints them; a present state may print as {@code null} (JSON such as
     * {@code 1e400} parses to Infinity, which prints so).
     */
    public synchronized Map<Long, String> snapshot() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    /** The clock last accepted for {@code clientId}, also for removed clients; empty if never seen. */
    public synchronized OptionalLong clock(long clientId) {
        Meta m = meta.get(clientId);
        return m == null ? OptionalLong.empty() : OptionalLong.of(m.clock());
    }

    private Change change(List<Long> added, List<Long> updated, List<Long> removed) {
        if (added.isEmpty() && updated.isEmpty() && removed.isEmpty()) {
            return Change.NONE;
        }
        List<Long> clients = new ArrayList<>(added);
        clients.addAll(updated);
        clients.addAll(removed);
        return new Change(added, updated, removed, encode(clients));
    }
}
