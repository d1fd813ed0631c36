package dev.skein.testkit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class RedisServerTest {

    @Test
    void servesCommandsOnLoopbackAndExpiresKeys() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            assertEquals("redis://127.0.0.1:" + redis.port(), redis.uri());
            assertEquals("OK", RespClient.command(redis.port(), "SET", "k", "v", "PX", "200"));
            assertEquals("v", RespClient.command(redis.port(), "GET", "k"));
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> RespClient.command(redis.port(), "GET", "k") == null);
            assertEquals(List.of("save", ""), RespClient.command(redis.port(), "CONFIG", "GET", "save"));
        }
    }

    @Test
    void stopsRestartsEmptyOnTheSamePortAndKills() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            RespClient.command(redis.port(), "SET", "k", "v");
            redis.stop();
            assertFalse(redis.isRunning());
            assertFalse(RespClient.pings(redis.port()));
            redis.restart();
            assertTrue(RespClient.pings(redis.port()));
            assertNull(RespClient.command(redis.port(), "GET", "k"));
            redis.kill();
            assertFalse(RespClient.pings(redis.port()));
        }
    }

    @Test
    void sharedServerIsOnePerJvm() {
        RedisControlMBean first = SharedRedis.get();
        RedisControlMBean second = SharedRedis.get();
        assertEquals(first.getPort(), second.getPort());
        assertTrue(RespClient.pings(first.getPort()));
        assertEquals("redis://127.0.0.1:" + first.getPort(), RedisTestResource.uri());
    }
}
