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

/**
 * A principal's role on a document, asked of auth-service ({@code GET /documents/{doc}/role}) with
 * the gateway's service-account token and cached for {@link AuthConfig#roleCacheTtl()}: a tab
 * reconnecting or many tabs of one person opening cost one call. ACL change events clear a
 * document's entries at once ({@link #invalidate(String)}). Blocking; called on worker threads.
 */
@ApplicationScoped
public class RoleLookup {

    private record Key(String docId, String principal, Set<String> groups) {
    }

    private record Cached(AccessRole role, Instant until) {
    }

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
        Key key = new Key(docId, principal, new TreeSet<>(groups));
        Cached cached = cache.get(key);
        if (cached != null && Instant.now().isBefore(cached.until())) {
            return cached.role();
        }
        AccessRole role = fetch(key);
        cache.put(key, new Cached(role, Instant.now().plus(config.roleCacheTtl())));
        return role;
    }

    /** Forgets every cached role on a document, after its ACL changed. */
    public void invalidate(String docId) {
        cache.keySet().removeIf(key -> key.docId().equals(docId));
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
