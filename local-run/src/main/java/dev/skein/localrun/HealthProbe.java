package dev.skein.localrun;

import dev.skein.testkit.net.FreePorts;
import dev.skein.testkit.process.ReadinessProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a Quarkus service's readiness endpoint; ready means HTTP 200 (every check is UP). */
final class HealthProbe implements ReadinessProbe {

    /** SmallRye Health's readiness endpoint: it includes the Kafka checks of the services. */
    static final String READY_PATH = "/q/health/ready";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

    private final URI uri;

    HealthProbe(int port) {
        this.uri = URI.create("http://" + FreePorts.LOOPBACK_HOST + ":" + port + READY_PATH);
    }

    @Override
    public boolean isReady() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
