package dev.skein.gateway.auth;

import dev.skein.contract.AccessRole;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A principal's role on a document, asked of auth-service ({@code GET /documents/{doc}/role}) with
 * the gateway's service-account token and cached for {@link AuthConfig#roleCacheTtl()}: a tab
 * reconnecting or many tabs of one person opening cost one call. ACL change events clear a
 * document's entries at once ({@link #invalidate(String)}). Blocking; called on worker threads.
 *
 * <p>Every ACL event also advances the document's <em>ACL generation</em>. A lookup notes the
 * generation before it asks; if an event arrived while auth-service was answering, the answer may
 * predate the change, so it is neither cached nor returned: the lookup asks again. The generation
 * a {@link Lookup} carries lets a caller that acts on the role later (admission registers the
 * connection afterwards) see whether an event came in between ({@link #generation(String)}).
 * Generations live in a fixed array of counters indexed by a hash of the document id: bounded
 * memory, and a collision only costs an extra lookup.
 */
@ApplicationScoped
public class RoleLookup {

    /** Lookups retried because an ACL event overtook them, before the last answer is taken as is. */
    static final int MAX_ATTEMPTS = 5;
    private static final int GENERATION_STRIPES = 4096;

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

    private final AuthConfig config;
    private final ServiceToken serviceToken;
    private final HttpClient http;
    private final ConcurrentMap<Key, Cached> cache = new ConcurrentHashMap<>();

    RoleLookup(AuthConfig config, ServiceToken serviceToken) {
        this.config = config;
        this.serviceToken = serviceToken;
        this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
    }

    /** The role, from the cache while it is fresh. */
    public AccessRole roleOf(String docId, String principal, Set<String> groups) throws AuthUnavailableException {
        return lookup(docId, principal, groups).role();
    }

    /**
     * The role with the ACL generation it is current for, from the cache while it is fresh and no
     * ACL event of the document arrived since it was asked for.
     */
    public Lookup lookup(String docId, String principal, Set<String> groups) throws AuthUnavailableException {
        Key key = new Key(docId, principal, new TreeSet<>(groups));
        for (int attempt = 1; ; attempt++) {
            long generation = generation(docId);
            Cached cached = cache.get(key);
            if (cached != null && cached.generation() == generation && Instant.now().isBefore(cached.until())) {
                return new Lookup(cached.role(), generation);
            }
            AccessRole role = fetch(key);
            if (generation(docId) == generation) {
                // An entry put after a concurrent invalidation carries the old generation and is never used.
                cache.put(key, new Cached(role, Instant.now().plus(config.roleCacheTtl()), generation));
                return new Lookup(role, generation);
            }
            if (attempt >= MAX_ATTEMPTS) {
                // The ACL keeps changing: hand out the last answer with its (outdated) generation;
                // the caller's own check after acting on it sees the change and re-reads.
                return new Lookup(role, generation);
            }
        }
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

    private static int stripe(String docId) {
        return Math.floorMod(docId.hashCode() * 0x9E3779B9, GENERATION_STRIPES);
    }

    private AccessRole fetch(Key key) throws AuthUnavailableException {
        HttpResponse<String> response = send(key);
        if (response.statusCode() == 401) {
            // The cached service token may have been revoked or the issuer's keys rotated.
            serviceToken.invalidate();
            response = send(key);
        }
        if (response.statusCode() != 200) {
            throw new AuthUnavailableException("auth-service answered " + response.statusCode(), null);
        }
        try {
            return AccessRole.fromWireName(new JsonObject(response.body()).getString("role"));
        } catch (RuntimeException e) {
            throw new AuthUnavailableException("auth-service answered an unknown role", e);
        }
    }

    private HttpResponse<String> send(Key key) throws AuthUnavailableException {
        StringBuilder url = new StringBuilder(config.authServiceUrl()).append("/documents/")
                .append(encode(key.docId())).append("/role?principal=").append(encode(key.principal()));
        key.groups().forEach(group -> url.append("&group=").append(encode(group)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString())).timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + serviceToken.get()).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AuthUnavailableException("auth-service unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthUnavailableException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
