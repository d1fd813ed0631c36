package dev.skein.auth.chain;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.skein.auth.PackagedService;
import dev.skein.messaging.KafkaClientSettings;
import dev.skein.contract.Topics;
import dev.skein.testkit.fs.Directories;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.keycloak.SharedKeycloak;
import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.postgres.PostgresServer;
import dev.skein.testkit.postgres.SharedPostgres;
import dev.skein.ycrdt.lib0.ByteWriter;
import dev.skein.ycrdt.protocol.AuthMessage;
import dev.skein.ycrdt.protocol.SyncUpdate;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole access chain with nothing stubbed: the packaged gateway and auth-service, a real
 * Keycloak (skein realm), a real PostgreSQL and a real Kafka broker. People share a document
 * through auth-service's API; the gateway admits, restricts and closes their connections from
 * the roles auth-service answers and the ACL events it publishes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthChainIT {

    private static final String READ_ONLY = "read-only access";

    private static PackagedService gateway;
    private static PackagedService auth;

    @BeforeAll
    static void start() {
        Path root = Path.of(System.getProperty("skein.repository.root", ".."));
        Path logs = Directories.createTempForThisJvm("skein-auth-chain-");
        String kafka = KafkaTestResource.broker().bootstrapServers();
        String issuer = SharedKeycloak.issuer();
        // auth-service creates the ACL topic, the gateway the others.
        auth = PackagedService.start(root, "auth-service", logs, "kafka.bootstrap.servers=" + kafka,
                "quarkus.oidc.auth-server-url=" + issuer,
                "quarkus.datasource.reactive.url=" + SharedPostgres.get().getReactiveUrl(),
                "quarkus.datasource.username=" + PostgresServer.USER);
        gateway = PackagedService.start(root, "gateway-service", logs, "kafka.bootstrap.servers=" + kafka,
                "skein.gateway.auth.enabled=true", "skein.gateway.auth.issuer=" + issuer,
                "skein.gateway.auth.client-secret=" + SkeinRealm.GATEWAY_SECRET,
                "skein.gateway.auth.auth-service-url=" + auth.http());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (auth != null) {
            auth.close();
        }
    }

    private static String token(String user) {
        return SharedKeycloak.tokens().password(SkeinRealm.WEB_CLIENT, user, user);
    }

    @Test
    @Order(1)
    void sharingThroughAuthServiceDecidesWhatConnectionsMayDo() {
        String doc = "doc-" + UUID.randomUUID();
        given().auth().oauth2(token("alice")).post(auth.http() + "/documents/" + doc).then().statusCode(201);
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body("{\"role\":\"read\"}")
                .put(auth.http() + "/documents/" + doc + "/grants/bob").then().statusCode(200);
        byte[] bobs = update(501, "bob");
        byte[] alices = update(502, "alice");
        try (YClient nobody = YClient.connect(gateway.ws(), doc, null);
                YClient carol = YClient.connect(gateway.ws(), doc, token("carol"));
                YClient bob = YClient.connect(gateway.ws(), doc, token("bob"));
                YClient alice = YClient.connect(gateway.ws(), doc, token("alice"))) {
            assertEquals(4401, nobody.awaitCloseCode(Duration.ofSeconds(10)));
            assertEquals(4403, carol.awaitCloseCode(Duration.ofSeconds(10)));

            bob.send(new SyncUpdate(bobs));
            bob.awaitMessage(new AuthMessage(READ_ONLY));
            alice.send(new SyncUpdate(alices));
            bob.awaitMessage(new SyncUpdate(alices));
            await().atMost(Duration.ofSeconds(20)).until(() -> contains(updatesOf(doc), alices));
            assertFalse(contains(updatesOf(doc), bobs), "a reader's update must not reach Kafka");

            given().auth().oauth2(token("alice")).delete(auth.http() + "/documents/" + doc + "/grants/bob")
                    .then().statusCode(204);
            assertEquals(4403, bob.awaitCloseCode(Duration.ofSeconds(1)));
            assertFalse(alice.isClosed());
        }
    }

    /** Last: it kills auth-service. */
    @Test
    @Order(2)
    void whileAuthServiceIsDownNewConnectionsAreRefusedWith1013AndOpenOnesKeepTheirRole() {
        String doc = "doc-" + UUID.randomUUID();
        given().auth().oauth2(token("alice")).post(auth.http() + "/documents/" + doc).then().statusCode(201);
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body("{\"role\":\"write\"}")
                .put(auth.http() + "/documents/" + doc + "/grants/bob").then().statusCode(200);
        byte[] before = update(601, "before");
        byte[] during = update(602, "during");
        try (YClient alice = YClient.connect(gateway.ws(), doc, token("alice"))) {
            alice.send(new SyncUpdate(before));
            await().atMost(Duration.ofSeconds(20)).until(() -> contains(updatesOf(doc), before));

            auth.kill();
            String bobsToken = token("bob");
            try (YClient bob = YClient.connect(gateway.ws(), doc, bobsToken)) {
                assertEquals(1013, bob.awaitCloseCode(Duration.ofSeconds(20)), "try again later, not a verdict");
            }
            // the open connection keeps its cached role: its edits still reach the log
            alice.send(new SyncUpdate(during));
            await().atMost(Duration.ofSeconds(20)).until(() -> contains(updatesOf(doc), during));
            assertFalse(alice.isClosed());
        }
    }

    private static boolean contains(List<byte[]> updates, byte[] update) {
        return updates.stream().anyMatch(u -> Arrays.equals(u, update));
    }

    /** Every record value on the update topic keyed by {@code doc}. */
    private static List<byte[]> updatesOf(String doc) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClientSettings.assigningConsumer(
                KafkaTestResource.broker().bootstrapServers(), "auth-chain-reader"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.UPDATES_DEFAULT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            List<byte[]> values = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (doc.equals(record.key())) {
                        values.add(record.value());
                    }
                }
            }
            return values;
        }
    }

    /** A Yjs v1 update: client {@code client} inserts {@code text} at the start of root text "t". */
    private static byte[] update(long client, String text) {
        ByteWriter out = new ByteWriter();
        out.writeVarUint(1);
        out.writeVarUint(1);
        out.writeVarUint(client);
        out.writeVarUint(0);
        out.writeUint8(4);
        out.writeVarUint(1);
        out.writeVarString("t");
        out.writeVarString(text);
        out.writeVarUint(0);
        return out.toByteArray();
    }
}
