package dev.skein.presence.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.presence.config.PresenceConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.set.SetCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ZAddArgs;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The awareness states of every document in Redis (layout in {@link RedisKeys}).
 *
 * <p>Every method talks to Redis synchronously and throws {@link PresenceUnavailableException}
 * when Redis does not answer. A document's states are written by one consumer (its awareness
 * partition has one owner in the consumer group), so read-then-write needs no transaction; the
 * sweeper claims what it removes with {@code ZREM}, whose answer tells exactly one instance that
 * the removal is its to announce.
 */
@ApplicationScoped
public class PresenceStore {

    private final RedisKeys keys;
    private final ObjectMapper json;
    private final long ttlMillis;
    private final HashCommands<String, String, String> hashes;
    private final SortedSetCommands<String, String> sortedSets;
    private final SetCommands<String, String> sets;
    private final KeyCommands<String> keyCommands;
    private final RedisStatus status;

    PresenceStore(RedisDataSource redis, RedisKeys keys, ObjectMapper json, PresenceConfig config, RedisStatus status) {
        this.keys = keys;
        this.status = status;
        this.json = json;
        this.ttlMillis = config.stateTtl().toMillis();
        this.hashes = redis.hash(String.class);
        this.sortedSets = redis.sortedSet(String.class);
        this.sets = redis.set(String.class);
        this.keyCommands = redis.key();
    }

    /** The stored entry of a client, expired or not. */
    public Optional<PresenceEntry> get(String docId, long clientId) {
        return guarded(() -> Optional.ofNullable(hashes.hget(keys.doc(docId), Long.toString(clientId)))
            .map(this::decode));
    }

    /**
     * Stores a client's state and renews its expiry; {@code previous} is what {@link #get}
     * returned, so that a client that moved to another gateway or principal leaves the old indexes.
     */
    public void put(PresenceEntry entry, Optional<PresenceEntry> previous) {
        guarded(() -> {
            String member = new ClientRef(entry.docId(), entry.clientId()).member();
            String docKey = keys.doc(entry.docId());
            hashes.hset(docKey, Long.toString(entry.clientId()), encode(entry));
            // the document's hash outlives its last state long enough for the sweeper to announce it
            keyCommands.pexpire(docKey, 2 * ttlMillis);
            sortedSets.zadd(keys.due(), entry.renewed() + ttlMillis, member);
            previous.ifPresent(old -> {
                if (!old.gateway().equals(entry.gateway())) {
                    sets.srem(keys.gateway(old.gateway()), member);
                }
                if (!old.principal().equals(entry.principal())) {
                    sets.srem(keys.user(old.principal()), member);
                }
            });
            sets.sadd(keys.gateway(entry.gateway()), member);
            sets.sadd(keys.user(entry.principal()), member);
            keyCommands.pexpire(keys.user(entry.principal()), 2 * ttlMillis);
            return null;
        });
    }

    /**
     * Removes a client's state and its index entries.
     *
     * @return whether the state was still there
     */
    public boolean remove(PresenceEntry entry) {
        return guarded(() -> {
            String member = new ClientRef(entry.docId(), entry.clientId()).member();
            int removed = hashes.hdel(keys.doc(entry.docId()), Long.toString(entry.clientId()));
            sortedSets.zrem(keys.due(), member);
            sets.srem(keys.gateway(entry.gateway()), member);
            sets.srem(keys.user(entry.principal()), member);
            return removed > 0;
        });
    }

    /** The live (not expired) states of a document at {@code nowMillis}, oldest arrival first. */
    public List<PresenceEntry> documentStates(String docId, long nowMillis) {
        return guarded(() -> {
            Map<String, String> all = hashes.hgetall(keys.doc(docId));
            List<PresenceEntry> live = new ArrayList<>();
            for (String value : all.values()) {
                PresenceEntry entry = decode(value);
                if (!entry.expiredAt(nowMillis, ttlMillis)) {
                    live.add(entry);
                }
            }
            live.sort((a, b) -> a.since() != b.since() ? Long.compare(a.since(), b.since())
                : Long.compare(a.clientId(), b.clientId()));
            return live;
        });
    }

    /** The live states of every client of a principal. */
    public List<PresenceEntry> userStates(String principal, long nowMillis) {
        return guarded(() -> {
            List<PresenceEntry> live = new ArrayList<>();
            for (String member : sets.smembers(keys.user(principal))) {
                ClientRef ref = ClientRef.parse(member);
                String value = hashes.hget(keys.doc(ref.docId()), Long.toString(ref.clientId()));
                if (value != null) {
                    PresenceEntry entry = decode(value);
                    if (!entry.expiredAt(nowMillis, ttlMillis)) {
                        live.add(entry);
                    }
                }
            }
            live.sort((a, b) -> a.docId().equals(b.docId()) ? Long.compare(a.clientId(), b.clientId())
                : a.docId().compareTo(b.docId()));
            return live;
        });
    }

    /** Records a heartbeat of a gateway. */
    public void heartbeat(String gateway, long nowMillis) {
        guarded(() -> sortedSets.zadd(keys.gateways(), nowMillis, gateway));
    }

    /** Records that a gateway exists if it was not known yet (its first record may precede its first heartbeat). */
    public void knowGateway(String gateway, long nowMillis) {
        guarded(() -> sortedSets.zadd(keys.gateways(), new ZAddArgs().nx(), nowMillis, gateway));
    }

    /** Gateways not heard of since {@code silentSinceMillis}. */
    public List<String> silentGateways(long silentSinceMillis) {
        return guarded(() -> sortedSets.zrangebyscore(keys.gateways(),
            new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) silentSinceMillis), new ZRangeArgs().limit(0, 100)));
    }

    /** Claims a silent gateway for clean-up; true for exactly one caller. */
    public boolean claimGateway(String gateway) {
        return guarded(() -> sortedSets.zrem(keys.gateways(), gateway) > 0);
    }

    /** The clients a gateway had. */
    public Set<String> clientsOf(String gateway) {
        return guarded(() -> sets.smembers(keys.gateway(gateway)));
    }

    /** Forgets a gateway's client index after its clean-up. */
    public void dropGateway(String gateway) {
        guarded(() -> keyCommands.del(keys.gateway(gateway)));
    }

    /** Clients whose states are due at {@code nowMillis}, at most {@code limit}. */
    public List<String> dueClients(long nowMillis, int limit) {
        return guarded(() -> sortedSets.zrangebyscore(keys.due(),
            new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) nowMillis), new ZRangeArgs().limit(0, limit)));
    }

    /** Claims a due client for removal; true for exactly one caller. */
    public boolean claimDue(String member) {
        return guarded(() -> sortedSets.zrem(keys.due(), member) > 0);
    }

    /** Puts a claimed client back on the due list (it was renewed meanwhile). */
    public void reschedule(PresenceEntry entry) {
        guarded(() -> sortedSets.zadd(keys.due(), entry.renewed() + ttlMillis,
            new ClientRef(entry.docId(), entry.clientId()).member()));
    }

    /** Checks that Redis answers; the outcome lands in {@link RedisStatus}. */
    public void ping() {
        guarded(() -> keyCommands.exists(keys.gateways()));
    }

    private String encode(PresenceEntry entry) {
        try {
            return json.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode presence entry", e);
        }
    }

    private PresenceEntry decode(String value) {
        try {
            return json.readValue(value, PresenceEntry.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("corrupt presence entry in Redis", e);
        }
    }

    private <T> T guarded(Supplier<T> operation) {
        try {
            T result = operation.get();
            status.markUp();
            return result;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            PresenceUnavailableException unavailable = new PresenceUnavailableException(e);
            status.markDown(unavailable.getMessage());
            throw unavailable;
        }
    }
}
