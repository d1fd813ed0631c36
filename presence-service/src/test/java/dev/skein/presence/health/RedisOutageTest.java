package dev.skein.presence.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.skein.presence.AwarenessTopic;
import dev.skein.presence.FastPresenceProfile;
import dev.skein.presence.PresenceApi;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.redis.RedisControlMBean;
import dev.skein.testkit.redis.RedisTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.Test;

/**
 * Redis down: listings answer 503 with the reason and readiness goes down; when Redis comes back
 * empty, the states still alive are rebuilt from the awareness topic, including one sent during
 * the outage.
 */
@QuarkusTest
@TestProfile(FastPresenceProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RedisTestResource.class)
class RedisOutageTest {

    @Test
    void answers503AndIsNotReadyWhileRedisIsDownThenRebuilds() {
        RedisControlMBean redis = RedisTestResource.redis();
        String doc = "outage-" + UUID.randomUUID();
        try (AwarenessTopic topic = new AwarenessTopic()) {
            PresenceApi.awaitConsuming(topic);
            ScheduledFuture<?> alive = topic.keepAlive("gw-outage");
            try {
                topic.state("gw-outage", doc, 81, 1, "{}");
                await().atMost(Duration.ofSeconds(10)).until(() -> PresenceApi.clientIdsOf(doc).equals(List.of(81L)));

                redis.stop();
                try {
                    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/docs/" + doc + "/presence")
                        .then().statusCode(503).body("error", equalTo("presence-unavailable"))
                        .body("reason", containsString("Redis unavailable")));
                    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/health/ready")
                        .then().statusCode(503).body("checks[0].data.redis", equalTo("down"))
                        .body("checks[0].data.reason", containsString("Redis unavailable")));
                    // arrives while Redis is away
                    topic.state("gw-outage", doc, 82, 1, "{}");
                } finally {
                    redis.restart();
                }

                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready")
                    .then().statusCode(200));
                await().atMost(Duration.ofSeconds(20)).until(() -> PresenceApi.clientIdsOf(doc).equals(List.of(81L, 82L)));
            } finally {
                alive.cancel(false);
            }
        }
    }
}
