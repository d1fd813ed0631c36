package dev.skein.gateway.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.gateway.WsClient;
import dev.skein.gateway.delivery.LiveDelivery;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class HealthAndMetricsTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    LiveDelivery delivery;

    @Test
    void readinessReportsTheBrokerAndMetricsAreExported() {
        await().atMost(Duration.ofSeconds(60)).until(delivery::isReady);
        given().when().get("/q/health/ready").then().statusCode(200)
            .body("checks.find { it.name == 'kafka' }.data.'broker-reachable'", equalTo(true));
        try (WsClient client = WsClient.connect(base, "metrics-doc")) {
            client.sendRaw(new byte[] {(byte) 0xff});
            client.awaitCloseCode();
        }
        given().when().get("/q/metrics").then().statusCode(200)
            .body(containsString("skein_gateway_connections"))
            .body(containsString("skein_gateway_documents"))
            .body(containsString("skein_gateway_consumer_lag"))
            .body(containsString("skein_gateway_quiet_partitions"))
            .body(containsString("skein_gateway_sync_answer_seconds_count"))
            .body(containsString("skein_gateway_messages_total{direction=\"in\"}"))
            .body(containsString("skein_gateway_bytes_total"))
            .body(containsString("skein_gateway_errors_total{kind=\"malformed\"}"));
    }
}
