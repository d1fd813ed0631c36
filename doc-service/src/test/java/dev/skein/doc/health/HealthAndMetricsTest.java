package dev.skein.doc.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.doc.kafka.UpdateLog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class HealthAndMetricsTest {

    @Inject
    UpdateLog log;

    @Test
    void readinessReportsTheBrokerAndMetricsAreExported() {
        await().atMost(Duration.ofSeconds(60)).until(() -> log.isReady()
            && given().when().get("/q/health/ready").statusCode() == 200);
        given().when().get("/docs/{id}", "bad id").then().statusCode(400);
        given().when().get("/q/metrics").then().statusCode(200)
            .body(containsString("skein_doc_documents"))
            .body(containsString("skein_doc_consumer_lag"))
            .body(containsString("skein_doc_rest_requests_total"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/docs/{id}/updates"));
    }
}
