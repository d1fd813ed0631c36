package dev.skein.auth.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.skein.auth.AclTopicReader;
import dev.skein.auth.PackagedService;
import dev.skein.contract.AccessRole;
import dev.skein.contract.AclChanges.AclChange;
import dev.skein.testkit.fs.Directories;
import dev.skein.testkit.kafka.KafkaBroker;
import dev.skein.testkit.keycloak.SharedKeycloak;
import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.postgres.PostgresServer;
import dev.skein.testkit.postgres.SharedPostgres;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox against the packaged auth-service, a real PostgreSQL, a real Keycloak and a Kafka
 * broker of its own that the test stops: an ACL change made while the broker is away is committed
 * at once and published when the broker is back, also when auth-service is killed between the
 * commit and the publication and started again.
 */
class OutboxIT {

    private static KafkaBroker kafka;
    private static Path root;
    private static Path logs;

    @BeforeAll
    static void start() {
        root = Path.of(System.getProperty("skein.repository.root", ".."));
        logs = Directories.createTempForThisJvm("skein-auth-outbox-");
        kafka = KafkaBroker.start();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static PackagedService startAuthService() {
        return PackagedService.start(root, "auth-service", logs, "kafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "quarkus.oidc.auth-server-url=" + SharedKeycloak.issuer(),
                "quarkus.datasource.reactive.url=" + SharedPostgres.get().getReactiveUrl(),
                "quarkus.datasource.username=" + PostgresServer.USER,
                "skein.auth.outbox.publish-wait=1s");
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(SharedKeycloak.tokens().password(SkeinRealm.WEB_CLIENT, user, user));
    }

    /** The document's events on the broker, each once, in the order of their first publication. */
    private static List<AclChange> published(String doc) {
        return new ArrayList<>(new LinkedHashSet<>(AclTopicReader.changesOf(kafka.bootstrapServers(), doc)));
    }

    @Test
    void changesCommittedWhileTheBrokerIsAwayArePublishedWhenItIsBackAlsoAfterARestart() {
        String doc = "outbox-" + UUID.randomUUID();
        AclChange aliceOwns = new AclChange(doc, "alice", AccessRole.OWNER);
        AclChange bobWrites = new AclChange(doc, "bob", AccessRole.WRITE);
        AclChange carolReads = new AclChange(doc, "carol", AccessRole.READ);
        AclChange bobRevoked = new AclChange(doc, "bob", AccessRole.NONE);
        AclChange carolRevoked = new AclChange(doc, "carol", AccessRole.NONE);

        PackagedService auth = startAuthService();
        String url = auth.http() + "/documents/" + doc;
        try {
            as("alice").post(url).then().statusCode(201);
            as("alice").contentType(ContentType.JSON).body("{\"role\":\"write\"}").put(url + "/grants/bob")
                    .then().statusCode(200);
            as("alice").contentType(ContentType.JSON).body("{\"role\":\"read\"}").put(url + "/grants/carol")
                    .then().statusCode(200);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> published(doc).equals(List.of(aliceOwns, bobWrites, carolReads)));

            // 1. The broker is away: the revocation is committed all the same ...
            kafka.stop();
            as("alice").delete(url + "/grants/bob").then().statusCode(204);
            as("bob").get(url + "/role").then().statusCode(200).body("role", equalTo("none"));
            // ... and published by the same instance once the broker is back.
            kafka.restart();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> published(doc).equals(List.of(aliceOwns, bobWrites, carolReads, bobRevoked)));

            // 2. Committed while the broker is away, then auth-service dies before it could publish.
            kafka.stop();
            as("alice").delete(url + "/grants/carol").then().statusCode(204);
            auth.kill();
        } finally {
            auth.close();
        }
        kafka.restart();
        assertFalse(published(doc).contains(carolRevoked), "nobody could have published it yet");
        try (PackagedService restarted = startAuthService()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> published(doc).contains(carolRevoked));
            assertEquals(List.of(aliceOwns, bobWrites, carolReads, bobRevoked, carolRevoked), published(doc));
            as("carol").get(restarted.http() + "/documents/" + doc + "/role").then().body("role", equalTo("none"));
        }
    }
}
