package dev.skein.presence.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.contract.AccessRole;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A person's role on a document, asked of auth-service ({@code GET /documents/{doc}/role}) with
 * this service's own token and cached for {@code role-cache-ttl}, as the gateway does: an event
 * stream shows many events of one document to one person, and each needs the answer.
 * {@link #invalidate(String)} (ACL change events) forgets a document's roles at once.
 *
 * <p>Every ACL event also advances the document's <em>generation</em>. A lookup notes the
 * generation before it asks; if an event arrived while auth-service was answering, the answer
 * may predate the change, so it is neither cached nor used: the lookup asks again. Generations
 * live in a fixed array indexed by a hash of the document id (bounded memory; a collision only
 * costs an extra lookup). Never blocks.
 */
@ApplicationScoped
public class RoleLookup {

    /** Lookups repeated because an ACL event overtook them, before the last answer is taken as is. */
    static final int MAX_ATTEMPTS = 5;
    private static final int GENERATION_STRIPES = 4096;
    /** Beyond this many cached roles, expired ones are dropped (and all, if that is not enough). */
    private static final int MAX_ENTRIES = 100_000;

    private record Key(String docId, String principal, Set<String> groups) {
    }

    private record Cached(AccessRole role, Instant until, long generation) {
    }

    private final AtomicLongArray generations = new AtomicLongArray(GENERATION_STRIPES);
    private final ConcurrentMap<Key, Cached> cache = new ConcurrentHashMap<>();
    private final PresenceAuthConfig config;
    private final ServiceToken serviceToken;
    private final ObjectMapper json;
    private final HttpClient http;

    RoleLookup(PresenceAuthConfig config, ServiceToken serviceToken, ObjectMapper json) {
        this.config = config;
        this.serviceToken = serviceToken;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
    }

    /**
     * The role of {@code principal}, counting its {@code groups}' grants; fails with
     * {@link AuthUnavailableException} when auth-service cannot tell.
     */
    public CompletableFuture<AccessRole> roleOf(String docId, String principal, Set<String> groups) {
        return lookup(new Key(docId, principal, new TreeSet<>(groups)), 1);
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

    /** After the document's ACL changed: advances its generation, then forgets its cached roles. */
    public void invalidate(String docId) {
        generations.incrementAndGet(stripe(docId));
        cache.keySet().removeIf(key -> key.docId().equals(docId));
    }

    private CompletableFuture<AccessRole> lookup(Key key, int attempt) {
        long generation = generations.get(stripe(key.docId()));
        Cached cached = cache.get(key);
        if (cached != null && cached.generation() == generation && Instant.now().isBefore(cached.until())) {
            return CompletableFuture.completedFuture(cached.role());
        }
        return fetch(key, true).thenCompose(role -> {
            if (generations.get(stripe(key.docId())) == generation) {
                // an entry put after a concurrent invalidation carries the old generation and is never used
                remember(key, new Cached(role, Instant.now().plus(config.roleCacheTtl()), generation));
                return CompletableFuture.completedFuture(role);
            }
            return attempt >= MAX_ATTEMPTS ? CompletableFuture.completedFuture(role) : lookup(key, attempt + 1);
        });
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

    private CompletableFuture<AccessRole> fetch(Key key, boolean retryOn401) {
        return serviceToken.get().thenCompose(token -> send(key, token)).thenCompose(response -> {
            if (response.statusCode() == 401 && retryOn401) {
                // the cached service token may have been revoked or the realm's keys rotated
                serviceToken.invalidate();
                return fetch(key, false);
            }
            if (response.statusCode() != 200) {
                throw new AuthUnavailableException("auth-service answered " + response.statusCode(), null);
            }
            return CompletableFuture.completedFuture(parse(response.body()));
        });
    }

    private CompletableFuture<HttpResponse<String>> send(Key key, String token) {
        StringBuilder url = new StringBuilder(config.authServiceUrl().replaceAll("/+$", "")).append("/documents/")
                .append(encode(key.docId())).append("/role?principal=").append(encode(key.principal()));
        key.groups().forEach(group -> url.append("&group=").append(encode(group)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString())).timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + token).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).exceptionally(failure -> {
            throw new AuthUnavailableException("auth-service unreachable: " + failure.getMessage(), failure);
        });
    }

    private AccessRole parse(String body) {
        try {
            return AccessRole.fromWireName(json.readTree(body).path("role").asText(null));
        } catch (IOException | RuntimeException e) {
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
