package dev.skein.testkit.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void servesTheSkeinDatabaseOnLoopbackAndStops() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            assertEquals("postgresql://127.0.0.1:" + pg.port() + "/skein", pg.reactiveUrl());
            assertTrue(pg.acceptsConnections());
            assertEquals("ok", psql(pg.port(), "select 'ok'"));
            assertEquals("127.0.0.1", psql(pg.port(), "show listen_addresses"));
            pg.stop();
            assertFalse(pg.isRunning());
            assertFalse(pg.acceptsConnections());
            pg.restart();
            assertTrue(pg.acceptsConnections());
        }
    }

    @Test
    void sharedServerIsOnePerJvm() {
        PostgresControlMBean first = SharedPostgres.get();
        PostgresControlMBean second = SharedPostgres.get();
        assertEquals(first.getPort(), second.getPort());
        assertTrue(first.isRunning());
        assertEquals(first.getReactiveUrl(), new PostgresTestResource().start().get("quarkus.datasource.reactive.url"));
    }

    /** One query through the real psql client, its single value. */
    private static String psql(int port, String sql) throws Exception {
        Process p = new ProcessBuilder(List.of(PostgresBinaries.find().resolve("psql").toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", PostgresServer.USER,
                "-d", PostgresServer.DATABASE, "-tAc", sql)).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
