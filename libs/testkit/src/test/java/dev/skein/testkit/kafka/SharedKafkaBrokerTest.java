package dev.skein.testkit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.testkit.TestClasspath;

import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared broker behind {@link KafkaTestResource}, seen from this class loader and from an
 * isolated one, as Quarkus tests load the testkit once per application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedKafkaBrokerTest {

    private URLClassLoader isolated;

    @BeforeAll
    void createIsolatedLoader() {
        // The platform loader as parent: testkit and kafka-clients are loaded a second time.
        isolated = new URLClassLoader("isolated-test-app", TestClasspath.asUrls(), ClassLoader.getPlatformClassLoader());
    }

    @AfterAll
    void closeIsolatedLoader() throws Exception {
        isolated.close();
    }

    @Test
    void everyClassLoaderGetsTheSameBroker() throws Exception {
        Map<String, String> here = new KafkaTestResource().start();
        Map<String, String> there = startResourceIn(isolated);

        assertNotSame(KafkaTestResource.class, isolated.loadClass(KafkaTestResource.class.getName()));
        assertEquals(here, there);
        assertEquals(KafkaTestResource.broker().bootstrapServers(), here.get("kafka.bootstrap.servers"));
    }

    @Test
    void aKillFromOneClassLoaderIsSeenByAnotherAndRestartBringsItBack() throws Exception {
        KafkaCluster broker = KafkaTestResource.broker();
        String before = broker.bootstrapServers();

        clusterInterfaceIn(isolated).getMethod("kill").invoke(isolatedBroker());
        assertFalse(broker.isRunning());

        broker.restart();
        assertTrue(broker.isRunning());
        assertEquals(before, broker.bootstrapServers(), "same ports after a restart");
        assertEquals(Boolean.TRUE, clusterInterfaceIn(isolated).getMethod("isRunning").invoke(isolatedBroker()));
    }

    @Test
    void topicsCreatedThroughTheSharedViewExist() throws Exception {
        KafkaCluster broker = KafkaTestResource.broker();
        broker.createTopics(Map.of("shared-topic", 2));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            assertEquals(2, admin.describeTopics(List.of("shared-topic")).allTopicNames().get()
                    .get("shared-topic").partitions().size());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> startResourceIn(ClassLoader loader) throws Exception {
        Class<?> resource = loader.loadClass(KafkaTestResource.class.getName());
        Object instance = resource.getConstructor().newInstance();
        return (Map<String, String>) resource.getMethod("start").invoke(instance);
    }

    private Object isolatedBroker() throws Exception {
        return isolated.loadClass(KafkaTestResource.class.getName()).getMethod("broker").invoke(null);
    }

    private static Class<?> clusterInterfaceIn(ClassLoader loader) throws ClassNotFoundException {
        return loader.loadClass(KafkaCluster.class.getName());
    }
}
