package dev.skein.gateway.auth;

import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The gateway's own access token (client-credentials grant of its service account), with which it
 * asks auth-service for roles. Reused until shortly before it expires.
 */
@ApplicationScoped
public class ServiceToken {

    /** A token this close to its expiry is renewed before use. */
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private final AuthConfig config;
    private final HttpClient http;
    private String token;
    private Instant renewAt = Instant.MIN;

    ServiceToken(AuthConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
    }

    /** A valid token, requested if the cached one is missing or about to expire. */
    public synchronized String get() throws AuthUnavailableException {
        if (token == null || Instant.now().isAfter(renewAt)) {
            request();
        }
        return token;
    }

    /** Drops the cached token, after auth-service refused it. */
    public synchronized void invalidate() {
        token = null;
    }

    private void request() throws AuthUnavailableException {
        String issuer = config.issuer().orElseThrow(() -> new IllegalStateException("skein.gateway.auth.issuer is required"));
        String url = config.tokenUrl().orElse(issuer + "/protocol/openid-connect/token");
        String secret = config.clientSecret().orElseThrow(() -> new IllegalStateException(
                "skein.gateway.auth.client-secret is required while authentication is on"));
        String form = "grant_type=client_credentials&client_id=" + encode(config.clientId())
                + "&client_secret=" + encode(secret);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(config.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AuthUnavailableException("token endpoint answered " + response.statusCode(), null);
            }
            JsonObject body = new JsonObject(response.body());
            token = body.getString("access_token");
            long lifetime = body.getLong("expires_in", 60L);
            renewAt = Instant.now().plusSeconds(lifetime).minus(RENEW_BEFORE);
        } catch (IOException e) {
            throw new AuthUnavailableException("token endpoint unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthUnavailableException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
