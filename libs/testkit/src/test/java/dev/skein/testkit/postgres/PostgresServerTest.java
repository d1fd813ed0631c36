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
    void aKeptServerFindsItsDataAgainAfterARestartAndClosingKeepsIt() throws Exception {
        // open to others: as root the server runs as its own user, which must reach the folder
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("skein-pg-kept-",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        java.nio.file.Path home = dir.resolve("pg");
        try (PostgresServer pg = PostgresServer.startKeeping(home)) {
            psql(pg.port(), "create table kept (v text); insert into kept values ('still here')");
            pg.ensureDatabase("other");
            pg.ensureDatabase("other");
            assertEquals("jdbc:postgresql://127.0.0.1:" + pg.port() + "/other", pg.jdbcUrl("other"));
        }
        assertTrue(java.nio.file.Files.isRegularFile(home.resolve("data/PG_VERSION")), "close keeps the data");
        try (PostgresServer again = PostgresServer.startKeeping(home)) {
            assertEquals("still here", psql(again.port(), "select v from kept"));
        } finally {
            dev.skein.testkit.fs.Directories.deleteRecursively(dir);
        }
    }

    @Test
    void asRootAFolderTheServerUserCannotReachIsRefusedClearly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only as root");
        java.nio.file.Path closed = java.nio.file.Files.createTempDirectory("skein-pg-closed-",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        try {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> PostgresServer.startKeeping(closed.resolve("pg")));
            assertTrue(e.getMessage().contains(closed.toString()), e.getMessage());
        } finally {
            dev.skein.testkit.fs.Directories.deleteRecursively(closed);
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
