package dev.skein.access;

import dev.skein.contract.AccessRole;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A person's role on a document, asked of auth-service ({@code GET /documents/{doc}/role}) with
 * the service's own token and cached for {@link AccessSettings#roleCacheTtl()}: a reconnecting
 * tab, many tabs of one person, or an event stream showing many events of one document cost one
 * call. ACL change events forget a document's roles at once ({@link #invalidate(String)}).
 *
 * <p>Every ACL event also advances the document's <em>generation</em>. A lookup notes the
 * generation before it asks; if an event arrived while auth-service was answering, the answer may
 * predate the change, so it is neither cached nor returned: the lookup asks again. The generation
 * a {@link Lookup} carries lets a caller that acts on the role later (the gateway registers the
 * connection afterwards) see whether an event came in between ({@link #generation(String)}).
 * Generations live in a fixed array of counters indexed by a hash of the document id: bounded
 * memory, and a collision only costs an extra lookup.
 *
 * <p>auth-service is asked with the HTTP client's blocking {@code send}: {@link #lookupNow} on the
 * caller's (worker) thread, {@link #lookup} on a small pool of this lookup's own. The client's
 * {@code sendAsync} completes every call through {@code CompletableFuture}'s default executor,
 * which where the common pool has fewer than two threads (two cores or fewer) starts a thread per
 * call.
 */
public class RoleLookup {

    /** Lookups repeated because an ACL event overtook them, before the last answer is taken as is. */
    static final int MAX_ATTEMPTS = 5;
    private static final int GENERATION_STRIPES = 4096;
    /** Requests of {@link #lookup} to auth-service at once. */
    private static final int ASYNC_THREADS = 8;
    /** Beyond this many cached roles, expired ones are dropped (and all, if that is not enough). */
    private static final int MAX_ENTRIES = 100_000;

    /**
     * A looked-up role and the document's ACL generation the answer is known to be current for.
     *
     * @param role the role
     * @param generation the document's {@link #generation(String)} when the answer was asked for
     */
    public record Lookup(AccessRole role, long generation) {
    }

    private record Key(String docId, String principal, Set<String> groups) {
    }

    private record Cached(AccessRole role, Instant until, long generation) {
    }

    private final AtomicLongArray generations = new AtomicLongArray(GENERATION_STRIPES);
    private final ConcurrentMap<Key, Cached> cache = new ConcurrentHashMap<>();
    private final AccessSettings settings;
    private final ServiceToken serviceToken;
    private final HttpClient http;
    private final Executor asyncLookups;

    /** Lookups with {@code settings}, authenticated with {@code serviceToken}. */
    public RoleLookup(AccessSettings settings, ServiceToken serviceToken) {
        this.settings = settings;
        this.serviceToken = serviceToken;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
        this.asyncLookups = lookupPool();
    }

    /**
     * Threads for {@link #lookup}: at most {@value #ASYNC_THREADS} requests at once (more wait their
     * turn), each thread kept a minute after use, daemon so that it never holds a JVM open.
     */
    private static Executor lookupPool() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(ASYNC_THREADS, ASYNC_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "skein-role-lookup-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * The role of {@code principal} on {@code docId}, counting its {@code groups}' grants, from the
     * cache while it is fresh and no ACL event of the document arrived since it was asked for.
     *
     * @return completes with the role, or fails with {@link AuthUnavailableException} when
     *     auth-service cannot tell
     */
    public CompletableFuture<Lookup> lookup(String docId, String principal, Set<String> groups) {
        Key key = new Key(docId, principal, new TreeSet<>(groups));
        Lookup cached = cached(key);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        return CompletableFuture.supplyAsync(() -> resolve(key), asyncLookups);
    }

    /**
     * {@link #lookup(String, String, Set)}, waiting for the answer on the calling (worker) thread:
     * each request to auth-service and for a service token waits at most the request timeout.
     *
     * @throws AuthUnavailableException when auth-service cannot tell
     */
    public Lookup lookupNow(String docId, String principal, Set<String> groups) {
        Key key = new Key(docId, principal, new TreeSet<>(groups));
        Lookup cached = cached(key);
        return cached != null ? cached : resolve(key);
    }

    /** The document's ACL generation: advanced by every ACL event of the document. */
    public long generation(String docId) {
        return generations.get(stripe(docId));
    }

    /**
     * After the document's ACL changed: advances its generation (so that lookups under way are
     * asked again), then forgets its cached roles.
     */
    public void invalidate(String docId) {
        generations.incrementAndGet(stripe(docId));
        cache.keySet().removeIf(key -> key.docId().equals(docId));
    }

    /**
     * After ACL changes may have been missed (the change reader lost its consumer): advances every
     * generation and forgets every cached role.
     */
    public void invalidateAll() {
        for (int stripe = 0; stripe < GENERATION_STRIPES; stripe++) {
            generations.incrementAndGet(stripe);
        }
        cache.clear();
    }

    /** The unwrapped failure of a lookup, as the exception callers handle. */
    public static AuthUnavailableException unavailable(Throwable failure) {
        Throwable root = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return root instanceof AuthUnavailableException known ? known
                : new AuthUnavailableException("role lookup failed: " + root, root);
    }

    private Lookup cached(Key key) {
        long generation = generation(key.docId());
        Cached cached = cache.get(key);
        if (cached != null && cached.generation() == generation && Instant.now().isBefore(cached.until())) {
            return new Lookup(cached.role(), generation);
        }
        return null;
    }

    private Lookup resolve(Key key) {
        for (int attempt = 1; ; attempt++) {
            Lookup cached = cached(key);
            if (cached != null) {
                return cached;
            }
            long generation = generation(key.docId());
            AccessRole role = fetch(key, true);
            if (generation(key.docId()) == generation) {
                // an entry put after a concurrent invalidation carries the old generation and is never used
                remember(key, new Cached(role, Instant.now().plus(settings.roleCacheTtl()), generation));
                return new Lookup(role, generation);
            }
            if (attempt >= MAX_ATTEMPTS) {
                // The ACL keeps changing: hand out the last answer with its outdated generation;
                // a caller checking the generation after acting on it sees the change and asks again.
                return new Lookup(role, generation);
            }
        }
    }

    private void remember(Key key, Cached entry) {
        if (cache.size() >= MAX_ENTRIES) {
            Instant now = Instant.now();
            cache.values().removeIf(old -> now.isAfter(old.until()));
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
        }
        cache.put(key, entry);
    }

    private AccessRole fetch(Key key, boolean retryOn401) {
        HttpResponse<String> response = send(key, token());
        if (response.statusCode() == 401 && retryOn401) {
            // the cached service token may have been revoked or the realm's keys rotated
            serviceToken.invalidate();
            return fetch(key, false);
        }
        if (response.statusCode() != 200) {
            throw new AuthUnavailableException("auth-service answered " + response.statusCode(), null);
        }
        return parse(response.body());
    }

    private String token() {
        try {
            return serviceToken.get().get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        } catch (TimeoutException e) {
            throw new AuthUnavailableException("no service token in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthUnavailableException("interrupted", e);
        }
    }

    private HttpResponse<String> send(Key key, String token) {
        StringBuilder url = new StringBuilder(settings.authServiceUrl()).append("/documents/")
                .append(encode(key.docId())).append("/role?principal=").append(encode(key.principal()));
        key.groups().forEach(group -> url.append("&group=").append(encode(group)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString())).timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AuthUnavailableException("auth-service unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthUnavailableException("interrupted", e);
        }
    }

    private static AccessRole parse(String body) {
        try {
            return AccessRole.fromWireName(new JsonObject(body).getString("role"));
        } catch (RuntimeException e) {
            throw new AuthUnavailableException("auth-service answered an unknown role", e);
        }
    }

    private static int stripe(String docId) {
        return Math.floorMod(docId.hashCode() * 0x9E3779B9, GENERATION_STRIPES);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
